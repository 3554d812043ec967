package io.chariot.account.token;

import io.chariot.api.account.SecretHash;
import io.chariot.api.account.AccountCommands.IssueApiKey;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;

import java.util.Locale;

/**
 * Creates the operator's first admin key from {@code CHARIOT_BOOTSTRAP_TENANT}, {@code CHARIOT_BOOTSTRAP_API_KEY_ID}
 * and {@code CHARIOT_BOOTSTRAP_API_KEY_SECRET} at start-up, once: an existing key is left as it is.
 */
public class ApiKeyBootstrap implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(ApiKeyBootstrap.class);
    private final CommandGateway commands;
    private final ApiKeyCredentials credentials;
    private final String tenant;
    private final String keyId;
    private final String secret;

    public ApiKeyBootstrap(CommandGateway commands, ApiKeyCredentials credentials, String tenant, String keyId,
                           String secret) {
        this.commands = commands;
        this.credentials = credentials;
        this.tenant = tenant;
        this.keyId = keyId;
        this.secret = secret;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (blank(tenant) && blank(keyId) && blank(secret)) {
            return;
        }
        if (blank(tenant) || blank(keyId) || blank(secret)) {
            throw new IllegalStateException("CHARIOT_BOOTSTRAP_TENANT, CHARIOT_BOOTSTRAP_API_KEY_ID and "
                    + "CHARIOT_BOOTSTRAP_API_KEY_SECRET must be set together");
        }
        var existing = credentials.storedHash(keyId);
        if (existing.isPresent()) {
            if (!SecretHash.matches(secret, existing.get())) {
                log.warn("bootstrap API key {} already exists with another secret; it was left unchanged", keyId);
            }
            return;
        }
        commands.sendAndWait(new IssueApiKey(keyId, tenant.trim().toLowerCase(Locale.ROOT), "bootstrap",
                SecretHash.of(secret), "admin", null, "system:bootstrap"));
        log.info("bootstrap API key {} issued for tenant {}", keyId, tenant);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
