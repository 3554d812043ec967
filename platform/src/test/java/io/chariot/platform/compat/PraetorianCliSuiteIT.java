package io.chariot.platform.compat;

import io.chariot.api.account.AccountCommands.IssueApiKey;
import io.chariot.api.account.SecretHash;
import io.chariot.compat.PraetorianCliSuite;
import io.chariot.platform.PlatformIntegrationTest;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.file.Path;
import java.util.UUID;

/**
 * praetorian-cli 2.4.8's own suite ({@link PraetorianCliSuite}) against the embedded platform on the real servers,
 * as a fresh {@code @praetorian.com} tenant with an admin key — or, with {@code CHARIOT_COMPAT_TARGET} (a base URL,
 * e.g. the edge of {@code ./chariot up --distributed}) and an admin key of it ({@code CHARIOT_COMPAT_TARGET_TENANT},
 * {@code _KEY_ID}, {@code _KEY_SECRET}), against a platform running elsewhere.
 */
class PraetorianCliSuiteIT extends PlatformIntegrationTest {

    @Test
    void theClientsOwnSuitePassesExceptForTheTestsListedInTheCompatibilityDocument() throws Exception {
        Path root = Path.of(System.getProperty("chariot.root", "..")).toAbsolutePath().normalize();
        PraetorianCliSuite suite = PraetorianCliSuite.requireRunnable(root, "PraetorianCliSuiteIT");
        Path out = Path.of("target", "praetorian-cli-suite").toAbsolutePath();
        String elsewhere = System.getenv("CHARIOT_COMPAT_TARGET");
        if (elsewhere != null && !elsewhere.isBlank()) {
            System.out.println("PraetorianCliSuiteIT runs against " + elsewhere);
            suite.runAgainst(URI.create(elsewhere).getPort(), new PraetorianCliSuite.Account(
                    System.getenv("CHARIOT_COMPAT_TARGET_TENANT"), System.getenv("CHARIOT_COMPAT_TARGET_KEY_ID"),
                    System.getenv("CHARIOT_COMPAT_TARGET_KEY_SECRET")), out);
            return;
        }
        String tenant = "compat-" + UUID.randomUUID().toString().substring(0, 8) + "@praetorian.com";
        String keyId = UUID.randomUUID().toString();
        String secret = SecretHash.newSecret();
        commands.sendAndWait(new IssueApiKey(keyId, tenant, "praetorian-cli suite", SecretHash.of(secret), "admin",
                null, "test"));
        suite.runAgainst(port, new PraetorianCliSuite.Account(tenant, keyId, secret), out);
    }
}
