package io.chariot.account.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chariot.account.integration.SecretConfig;
import io.chariot.api.account.SecretHash;
import io.chariot.api.account.AccountCommands;
import io.chariot.api.account.AccountCommands.IntegrationState;
import io.chariot.api.account.AccountCommands.LinkIntegration;
import io.chariot.api.account.AccountCommands.UnlinkIntegration;
import io.chariot.websupport.secrets.HookPins;
import io.chariot.websupport.secrets.SecretBox;
import io.chariot.websupport.tenancy.Caller;
import io.chariot.websupport.web.BadRequestException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * Integrations as account records {@code #account#{tenant}#{name}#{value}} ({@code POST/DELETE /account/{name}}).
 * Secrets are write-only: the config is split by {@link SecretConfig}; the secret members are sealed with
 * {@link SecretBox} (AES-256-GCM, the record's aggregate id as associated data) before the command is sent, and every
 * answer, event and read model shows them as {@code "********"}. The webhook ({@code hook}) is special: its record
 * is {@code #account#{tenant}#hook#********}, the pin (the body's {@code value}; a random one when absent, answered
 * once as {@code pin} and {@code url}) is kept as a SHA-256 hash, to check ingests, and sealed like a secret, so its
 * tenant reads it back as the record's {@code value} (praetorian-cli builds the webhook URL from it; the query API
 * reveals it, {@code HookPins}). Nothing here logs a request body.
 */
@Component
public class IntegrationLinks {

    static final Pattern PIN = Pattern.compile("^[A-Za-z0-9._~-]{16,256}$");
    private final CommandGateway commands;
    private final SecretBox box;
    private final ObjectMapper json;

    public IntegrationLinks(CommandGateway commands, SecretBox box, ObjectMapper json) {
        this.commands = commands;
        this.box = box;
        this.json = json;
    }

    AccountView link(Caller caller, String member, AccountController.AccountRequest body) {
        String tenant = caller.tenant();
        boolean hook = AccountCommands.HOOK.equals(member);
        String pin = null;
        boolean generated = false;
        String value;
        if (hook) {
            pin = body.value() == null || body.value().isBlank() ? null : body.value().trim();
            if (pin == null) {
                pin = SecretHash.newSecret();
                generated = true;
            } else if (!PIN.matcher(pin).matches()) {
                throw new BadRequestException("a webhook pin is 16 to 256 characters of A-Z a-z 0-9 . _ ~ -");
            }
            value = AccountCommands.HOOK_VALUE;
        } else {
            value = AccountController.value(body.value(), member);
        }
        JsonNode config = body.config();
        if (config != null && !config.isNull() && !config.isObject()) {
            throw new BadRequestException("config must be a JSON object");
        }
        if (body.secret() != null && !body.secret().isNull()) {
            ObjectNode merged = config == null || config.isNull() ? json.createObjectNode() : config.deepCopy();
            merged.set("secret", body.secret());
            config = merged;
        }
        SecretConfig.Split split = SecretConfig.split(config);
        String key = AccountCommands.accountKey(tenant, member, value);
        String id = AccountCommands.aggregateId(tenant, key);
        ObjectNode secrets = split.secrets().deepCopy();
        if (pin != null) {
            // sealed beside its hash: the hash checks ingests, the sealed pin lets the tenant read its webhook URL back
            secrets.put(HookPins.MEMBER, pin);
        }
        String sealed = secrets.isEmpty() ? null : box.seal(secrets.toString(), id);
        IntegrationState state = commands.sendAndWait(new LinkIntegration(id, tenant, member, value, body.role(),
                split.shown().toString(), sealed, pin == null ? null : SecretHash.of(pin), caller.user()));
        AccountView answer = view(tenant, state);
        if (!generated) {
            return answer;
        }
        return answer.withHook(pin, ServletUriComponentsBuilder.fromCurrentContextPath().path("/hook/{user}/{pin}")
                .buildAndExpand(hookUser(tenant), pin).toUriString());
    }

    AccountView unlink(Caller caller, String member, AccountController.AccountRequest body) {
        String tenant = caller.tenant();
        String value = AccountCommands.HOOK.equals(member) ? AccountCommands.HOOK_VALUE
                : AccountController.value(body == null ? null : body.value(), member);
        String key = AccountCommands.accountKey(tenant, member, value);
        IntegrationState state = commands.sendAndWait(new UnlinkIntegration(
                AccountCommands.aggregateId(tenant, key), tenant, member, value, caller.user()));
        return view(tenant, state);
    }

    /** The tenant as the webhook URL names it: base64url without padding. */
    static String hookUser(String tenant) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(tenant.getBytes(StandardCharsets.UTF_8));
    }

    private AccountView view(String tenant, IntegrationState s) {
        JsonNode config;
        try {
            config = s.config() == null ? json.createObjectNode() : json.readTree(s.config());
        } catch (Exception e) {
            config = json.createObjectNode();
        }
        return AccountView.of(tenant, s, config);
    }
}
