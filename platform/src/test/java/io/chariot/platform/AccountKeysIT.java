package io.chariot.platform;

import com.fasterxml.jackson.databind.JsonNode;
import io.chariot.api.account.SecretHash;
import io.chariot.api.account.AccountCommands.IssueApiKey;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * API keys over HTTP: issued with a one-time secret, listed from the Chariot table without it, revoked, expired;
 * {@code /token} accepts only live keys.
 */
class AccountKeysIT extends PlatformIntegrationTest {

    @Autowired
    JdbcClient jdbc;

    private static List<JsonNode> keys(ChariotClient cli) {
        var r = cli.my("#key#");
        assertThat(r.status()).isEqualTo(200);
        List<JsonNode> all = new ArrayList<>();
        r.json().fields().forEachRemaining(f -> {
            if (f.getValue().isArray()) {
                f.getValue().forEach(all::add);
            }
        });
        return all;
    }

    private static void assertProblem(ChariotClient.Response r, int status) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.contentType()).startsWith("application/problem+json");
    }

    @Test
    void aKeyIsIssuedWithItsSecretOnceListedWithoutItAndRevoked() {
        ChariotClient owner = newTenant();
        var issued = owner.post("/key", "{\"name\":\"ci\"}");
        assertThat(issued.status()).as(issued.body()).isEqualTo(200);
        JsonNode key = issued.json();
        String id = key.get("id").asText();
        String secret = key.get("secret").asText();
        assertThat(id).matches("^[a-z2-7]{26}$");
        assertThat(key.get("key").asText()).isEqualTo("#key#" + id);
        assertThat(key.get("name").asText()).isEqualTo("ci");
        assertThat(key.get("status").asText()).isEqualTo("A");
        assertThat(key.get("creator").asText()).isEqualTo(owner.tenant);
        assertThat(key.get("role").asText()).isEqualTo("admin");
        assertThat(key.has("created")).isTrue();
        assertThat(secret).isNotBlank();

        ChariotClient viaKey = new ChariotClient(owner.api, owner.tenant, id, secret);
        assertThat(viaKey.token().status()).isEqualTo(200);
        assertThat(viaKey.my("#asset").status()).isEqualTo(200);
        assertThat(new ChariotClient(owner.api, owner.tenant, id, secret + "x").token().status()).isEqualTo(401);

        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
            var listed = keys(owner).stream().filter(k -> k.get("key").asText().equals("#key#" + id)).toList();
            assertThat(listed).hasSize(1);
            assertThat(listed.get(0).get("name").asText()).isEqualTo("ci");
            assertThat(listed.get(0).get("status").asText()).isEqualTo("A");
        });
        var list = owner.my("#key#");
        assertThat(list.body()).doesNotContain(secret).doesNotContain(SecretHash.of(secret))
                .doesNotContainIgnoringCase("secret").doesNotContain("_seq");

        var revoked = owner.delete("/key", "{\"key\":\"#key#" + id + "\"}");
        assertThat(revoked.status()).as(revoked.body()).isEqualTo(200);
        assertThat(revoked.json().get("status").asText()).isEqualTo("D");
        assertThat(revoked.json().get("deleter").asText()).isEqualTo(owner.tenant);
        assertThat(revoked.json().has("deleted")).isTrue();
        assertThat(revoked.body()).doesNotContain(secret).doesNotContainIgnoringCase("secret");
        assertThat(viaKey.token().status()).isEqualTo(401);
        // Revoking again changes nothing.
        assertThat(owner.delete("/key", "{\"key\":\"#key#" + id + "\"}").json().get("status").asText()).isEqualTo("D");

        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
            var listed = keys(owner).stream().filter(k -> k.get("key").asText().equals("#key#" + id)).toList();
            assertThat(listed.get(0).get("status").asText()).isEqualTo("D");
            assertThat(listed.get(0).get("deleter").asText()).isEqualTo(owner.tenant);
        });
        assertThat(owner.my("#key#").body()).doesNotContain(secret).doesNotContainIgnoringCase("secret");
    }

    @Test
    void anExpiredKeyNoLongerAuthenticates() throws InterruptedException {
        ChariotClient owner = newTenant();
        Instant expires = Instant.now().plusSeconds(3);
        var issued = owner.post("/key", "{\"name\":\"short\",\"expires\":\"" + expires + "\"}");
        assertThat(issued.status()).as(issued.body()).isEqualTo(200);
        assertThat(Instant.parse(issued.json().get("expires").asText())).isEqualTo(expires);
        ChariotClient viaKey = new ChariotClient(owner.api, owner.tenant, issued.json().get("id").asText(),
                issued.json().get("secret").asText());
        assertThat(viaKey.token().status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(500))
                .until(() -> viaKey.token().status() == 401);
    }

    @Test
    void badKeyRequestsAreProblemsAndKeysStayWithTheirOwner() {
        ChariotClient owner = newTenant();
        ChariotClient other = newTenant();
        assertProblem(owner.post("/key", "{}"), 400);
        assertProblem(owner.post("/key", "{\"name\":\"x\",\"expires\":\"" + Instant.now().minusSeconds(60) + "\"}"), 400);
        assertProblem(owner.post("/key", "{\"name\":\"x\",\"expires\":\"tomorrow\"}"), 400);
        assertProblem(owner.post("/key", "{\"name\":"), 400);
        assertProblem(owner.delete("/key", "{\"key\":\"nope\"}"), 400);
        assertProblem(owner.delete("/key", "{\"key\":\"#key#unknownkeyid\"}"), 404);

        var issued = owner.post("/key", "{\"name\":\"mine\"}").json();
        assertProblem(other.delete("/key", "{\"key\":\"#key#" + issued.get("id").asText() + "\"}"), 404);
        assertThat(new ChariotClient(owner.api, owner.tenant, issued.get("id").asText(),
                issued.get("secret").asText()).token().status()).isEqualTo(200);

        // Keys are managed on one's own tenant only, never through the account header.
        ChariotClient member = clientFor("k-" + java.util.UUID.randomUUID().toString().substring(0, 8) + "@example.com");
        assertThat(owner.post("/account/" + member.tenant, "{\"config\":{},\"value\":\"\",\"role\":\"admin\"}").status())
                .isEqualTo(200);
        assertProblem(member.as(owner.tenant).post("/key", "{\"name\":\"sneaky\"}"), 403);
        assertProblem(member.as(owner.tenant).delete("/key", "{\"key\":\"#key#" + issued.get("id").asText() + "\"}"), 403);
        assertThat(keys(owner)).noneMatch(k -> k.get("name").asText().equals("x") || k.get("name").asText().equals("sneaky"));
    }

    /** Every key the server acknowledged authenticates: whatever its name holds, its event and credential exist. */
    @Test
    void anAcknowledgedKeyWorksWhateverItsNameHolds() {
        ChariotClient owner = newTenant();
        for (String name : List.of("n".repeat(300), "\ud83d\ude00".repeat(200), "\u202e\u05e9 key")) {
            var issued = owner.post("/key", "{\"name\":\"" + name + "\"}");
            assertThat(issued.status()).as(issued.body()).isEqualTo(200);
            var viaKey = new ChariotClient(owner.api, owner.tenant, issued.json().get("id").asText(),
                    issued.json().get("secret").asText());
            assertThat(viaKey.token().status()).as(name).isEqualTo(200);
        }
        for (String name : List.of("a\\u0000b", "\\ud800", "k".repeat(1025))) {
            assertProblem(owner.post("/key", "{\"name\":\"" + name + "\"}"), 400);
        }
    }

    /**
     * The credentials are written in the transaction that appends the key's event: when that write fails, the
     * command fails and the event is not stored (PostgreSQL would otherwise turn the commit into a silent rollback
     * under an acknowledged command).
     */
    @Test
    void aKeyWhoseCredentialCannotBeStoredIsNotAcknowledgedAndLeavesNoEvent() {
        String keyId = java.util.UUID.randomUUID().toString();
        // a role longer than the credential table's column: the in-transaction insert fails
        var command = new IssueApiKey(keyId, "t-" + keyId.substring(0, 8) + "@example.com", "n",
                SecretHash.of(SecretHash.newSecret()), "r".repeat(40), null, "test");
        assertThatThrownBy(() -> commands.sendAndWait(command)).isNotNull();
        assertThat(jdbc.sql("SELECT count(*) FROM domainEventEntry WHERE aggregateIdentifier = :id")
                .param("id", keyId).query(Long.class).single()).isZero();
    }
}
