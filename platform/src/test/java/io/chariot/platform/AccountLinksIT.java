package io.chariot.platform;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Account links (chariot-api.md §3.4 {@code /account}, tier 6): an admin links a collaborator with a role, the
 * collaborator acts on the tenant through the {@code account} header with exactly that role, and an unlink (or no
 * link at all) closes the tenant again.
 */
class AccountLinksIT extends PlatformIntegrationTest {

    @Autowired
    JdbcClient jdbc;

    private ChariotClient newUser() {
        return clientFor("u-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com");
    }

    private long events(ChariotClient cli) {
        return jdbc.sql("SELECT count(*) FROM domainevententry WHERE aggregateidentifier LIKE :t")
                .param("t", cli.tenant + "%").query(Long.class).single();
    }

    private static String asset(String ip) {
        return "{\"group\":\"linked.example\",\"identifier\":\"" + ip + "\",\"status\":\"A\"}";
    }

    private static String link(String role) {
        return role == null ? "{\"config\":{},\"value\":\"\"}" : "{\"config\":{},\"value\":\"\",\"role\":\"" + role + "\"}";
    }

    private static List<JsonNode> accounts(ChariotClient cli) {
        var body = cli.my("#account#");
        assertThat(body.status()).isEqualTo(200);
        List<JsonNode> all = new ArrayList<>();
        body.json().path("accounts").forEach(all::add);
        return all;
    }

    private static void assertProblem(ChariotClient.Response r, int status) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.contentType()).startsWith("application/problem+json");
    }

    @Test
    void aLinkedUserActsOnTheTenantWithTheLinksRoleUntilUnlinked() {
        ChariotClient owner = newTenant();
        ChariotClient analyst = newUser();
        ChariotClient reader = newUser();
        ChariotClient admin = newUser();

        // Nobody reaches an unlinked tenant.
        assertProblem(analyst.as(owner.tenant).my("#asset"), 403);
        assertProblem(analyst.as(owner.tenant).put("/asset", asset("10.9.0.1")), 403);

        var linked = owner.post("/account/" + analyst.tenant.toUpperCase(), link("analyst"));
        assertThat(linked.status()).as(linked.body()).isEqualTo(200);
        JsonNode account = linked.json();
        assertThat(account.get("key").asText())
                .isEqualTo("#account#" + owner.tenant + "#" + analyst.tenant + "#" + analyst.tenant);
        assertThat(account.get("name").asText()).isEqualTo(owner.tenant);
        assertThat(account.get("member").asText()).isEqualTo(analyst.tenant);
        assertThat(account.get("role").asText()).isEqualTo("analyst");
        assertThat(account.has("updated")).isTrue();
        assertThat(linked.body()).doesNotContainIgnoringCase("secret");

        assertThat(owner.post("/account/" + reader.tenant, link(null)).json().get("role").asText())
                .isEqualTo("readonly");
        assertThat(owner.post("/account/" + admin.tenant, link("admin")).status()).isEqualTo(200);

        // analyst: reads and writes, but cannot manage links.
        var write = analyst.as(owner.tenant).put("/asset", asset("10.9.0.1"));
        assertThat(write.status()).as(write.body()).isEqualTo(200);
        assertThat(write.json().get(0).get("username").asText()).isEqualTo(owner.tenant);
        assertProblem(analyst.as(owner.tenant).post("/account/x-" + analyst.tenant, link("admin")), 403);

        // readonly: reads, every write is 403 and writes nothing.
        long before = events(owner);
        assertThat(reader.as(owner.tenant).my("#asset").status()).isEqualTo(200);
        assertProblem(reader.as(owner.tenant).put("/asset", asset("10.9.0.2")), 403);
        assertProblem(reader.as(owner.tenant).delete("/asset", "{\"key\":\"#asset#linked.example#10.9.0.1\"}"), 403);
        assertProblem(reader.as(owner.tenant).put("/setting", "{\"name\":\"n\",\"value\":1}"), 403);
        assertThat(events(owner)).isEqualTo(before);

        // admin (by link): writes and manages links of the tenant.
        assertThat(admin.as(owner.tenant).put("/asset", asset("10.9.0.3")).status()).isEqualTo(200);
        var relinked = admin.as(owner.tenant).post("/account/" + reader.tenant, link("analyst"));
        assertThat(relinked.status()).as(relinked.body()).isEqualTo(200);
        assertThat(relinked.json().get("role").asText()).isEqualTo("analyst");
        assertThat(reader.as(owner.tenant).put("/asset", asset("10.9.0.2")).status()).isEqualTo(200);

        // The links are listed the way `list accounts` expects, in the tenant's and in the member's partition.
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
            var list = accounts(owner);
            assertThat(list).extracting(a -> a.get("member").asText())
                    .containsExactlyInAnyOrder(analyst.tenant, reader.tenant, admin.tenant);
            assertThat(list).allSatisfy(a -> {
                assertThat(a.get("name").asText()).isEqualTo(owner.tenant);
                assertThat(a.has("_seq")).isFalse();
            });
            assertThat(list).filteredOn(a -> a.get("member").asText().equals(reader.tenant))
                    .extracting(a -> a.get("role").asText()).containsExactly("analyst");
            assertThat(accounts(analyst)).extracting(a -> a.get("name").asText()).containsExactly(owner.tenant);
        });

        var unlinked = owner.delete("/account/" + analyst.tenant, "{\"value\":\"\",\"config\":{}}");
        assertThat(unlinked.status()).as(unlinked.body()).isEqualTo(200);
        assertThat(unlinked.json().get("member").asText()).isEqualTo(analyst.tenant);
        assertProblem(analyst.as(owner.tenant).my("#asset"), 403);
        assertProblem(analyst.as(owner.tenant).put("/asset", asset("10.9.0.4")), 403);
        assertProblem(owner.delete("/account/" + analyst.tenant, "{\"value\":\"\",\"config\":{}}"), 404);
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
            assertThat(accounts(owner)).extracting(a -> a.get("member").asText())
                    .containsExactlyInAnyOrder(reader.tenant, admin.tenant);
            assertThat(accounts(analyst)).isEmpty();
        });
        // A user's own tenant stays reachable as admin, whatever the links.
        assertThat(analyst.as(analyst.tenant).put("/asset", asset("10.9.0.5")).status()).isEqualTo(200);
    }

    @Test
    void aUserNeverReachesATenantNoLinkGrants() {
        ChariotClient owner = newTenant();
        ChariotClient other = newTenant();
        ChariotClient stranger = newUser();
        // A link to another tenant grants nothing on this one.
        assertThat(other.post("/account/" + stranger.tenant, link("admin")).status()).isEqualTo(200);
        assertProblem(stranger.as(owner.tenant).my("#asset"), 403);
        assertProblem(stranger.as(owner.tenant).post("/my", "{\"node\":{\"labels\":[\"Asset\"]}}"), 403);
        assertProblem(stranger.as(owner.tenant).put("/asset", asset("10.9.1.1")), 403);
        assertProblem(stranger.as(owner.tenant).post("/account/" + stranger.tenant, link("admin")), 403);
        // Linking the tenant the other way round (the member links the owner) grants nothing either.
        assertThat(stranger.post("/account/" + owner.tenant, link("admin")).status()).isEqualTo(200);
        assertProblem(stranger.as(owner.tenant).my("#asset"), 403);
        assertThat(stranger.as(other.tenant).my("#asset").status()).isEqualTo(200);
    }

    @Test
    void badLinksAreRejectedWithProblemsAndWriteNothing() {
        ChariotClient owner = newTenant();
        // Integrations (github, hook) are linked since issue 3 (IntegrationsIT); settings records are no links, and a
        // webhook pin must be long enough.
        assertProblem(owner.post("/account/settings", "{\"config\":{},\"value\":\"1234\"}"), 400);
        assertProblem(owner.post("/account/settings-display-name", "{\"config\":{},\"value\":\"x\"}"), 400);
        assertProblem(owner.post("/account/hook", "{\"config\":{},\"value\":\"pin\"}"), 400);
        assertProblem(owner.post("/account/x@example.com", link("owner")), 400);
        assertProblem(owner.post("/account/" + owner.tenant, link("admin")), 400);
        assertProblem(owner.post("/account/x@example.com", "{\"config\":{},\"value\":\"a#b\"}"), 400);
        assertProblem(owner.post("/account/x@example.com", "{\"config\":{"), 400);
        assertProblem(owner.delete("/account/never@example.com", "{\"value\":\"\",\"config\":{}}"), 404);
        assertThat(events(owner)).isZero();
        assertThat(owner.my("#account#").json().has("accounts")).isFalse();
    }
}
