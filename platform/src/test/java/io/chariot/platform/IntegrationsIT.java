package io.chariot.platform;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Integrations as account records (chariot-api.md §3.4 {@code /account/{integration}}): listed with collaborators
 * under {@code #account#}, their secrets write-only (redacted in answers, sealed in the event store, absent from
 * DynamoDB); and the webhook {@code POST /hook/{base64(tenant)}/{pin}}, whose pin is the only credential.
 */
class IntegrationsIT extends PlatformIntegrationTest {

    @Autowired
    JdbcClient jdbc;
    @Autowired
    DynamoDbClient dynamo;

    private static String b64url(String tenant) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(tenant.getBytes(StandardCharsets.UTF_8));
    }

    private long events(String tenant) {
        return jdbc.sql("SELECT count(*) FROM domainevententry WHERE aggregateidentifier LIKE :t")
                .param("t", tenant + "%").query(Long.class).single();
    }

    /** Every event payload of the tenant, as text. */
    private String eventPayloads(String tenant) {
        return String.join("\n", jdbc.sql("SELECT payload FROM domainevententry WHERE aggregateidentifier LIKE :t")
                .param("t", tenant + "%").query((rs, i) -> new String(rs.getBytes(1), StandardCharsets.UTF_8))
                .list());
    }

    private String dynamoItems(String tenant) {
        List<String> items = new ArrayList<>();
        dynamo.queryPaginator(b -> b.tableName(liveTable("accounts-dynamodb")).keyConditionExpression("username = :t")
                        .expressionAttributeValues(Map.of(":t", AttributeValue.fromS(tenant))))
                .items().forEach(i -> items.add(i.toString()));
        return String.join("\n", items);
    }

    private static List<JsonNode> accounts(ChariotClient cli) {
        var body = cli.my("#account#");
        assertThat(body.status()).isEqualTo(200);
        List<JsonNode> all = new ArrayList<>();
        body.json().path("accounts").forEach(all::add);
        return all;
    }

    /** What the CLI's {@code list integrations} keeps: members without '@' that are no settings records. */
    private static List<JsonNode> integrations(ChariotClient cli) {
        return accounts(cli).stream().filter(a -> !a.get("member").asText().contains("@")
                && !a.get("member").asText().startsWith("settings")).toList();
    }

    private static void assertProblem(ChariotClient.Response r, int status) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.contentType()).startsWith("application/problem+json");
    }

    @Test
    void anIntegrationIsListedWithItsSecretsRedactedAndUnlinked() {
        ChariotClient owner = newTenant();
        String token = "ghp_" + UUID.randomUUID().toString().replace("-", "");
        String nested = "nested-" + UUID.randomUUID();
        String top = "top-" + UUID.randomUUID();
        String collaborator = "c-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        assertThat(owner.post("/account/" + collaborator, "{\"config\":{},\"value\":\"\"}").status()).isEqualTo(200);

        var linked = owner.post("/account/GitHub", "{\"config\":{\"org\":\"acme\",\"token\":\"" + token
                + "\",\"oauth\":{\"client_secret\":\"" + nested + "\",\"id\":\"app\"}},\"value\":\"acme-org\","
                + "\"secret\":{\"pat\":\"" + top + "\"}}");
        assertThat(linked.status()).as(linked.body()).isEqualTo(200);
        JsonNode account = linked.json();
        assertThat(account.get("key").asText()).isEqualTo("#account#" + owner.tenant + "#github#acme-org");
        assertThat(account.get("member").asText()).isEqualTo("github");
        assertThat(account.get("value").asText()).isEqualTo("acme-org");
        assertThat(account.at("/config/org").asText()).isEqualTo("acme");
        assertThat(account.at("/config/token").asText()).isEqualTo("********");
        assertThat(account.at("/config/oauth/client_secret").asText()).isEqualTo("********");
        assertThat(account.at("/config/oauth/id").asText()).isEqualTo("app");
        assertThat(account.at("/config/secret").asText()).isEqualTo("********");
        assertThat(linked.body()).doesNotContain(token).doesNotContain(nested).doesNotContain(top);

        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
            assertThat(accounts(owner)).extracting(a -> a.get("member").asText())
                    .containsExactlyInAnyOrder(collaborator, "github");
            var listed = integrations(owner);
            assertThat(listed).hasSize(1);
            assertThat(listed.get(0).get("value").asText()).isEqualTo("acme-org");
            assertThat(listed.get(0).at("/config/token").asText()).isEqualTo("********");
            assertThat(listed.get(0).has("_seq")).isFalse();
        });
        // The secrets are nowhere in clear: not in any answer, the event store, nor DynamoDB.
        String listing = owner.my("#account#").body();
        String payloads = eventPayloads(owner.tenant);
        String items = dynamoItems(owner.tenant);
        for (String secret : List.of(token, nested, top)) {
            assertThat(listing).doesNotContain(secret);
            assertThat(payloads).doesNotContain(secret);
            assertThat(items).doesNotContain(secret);
        }
        assertThat(payloads).contains("\"sealed\":\"v1:"); // sealed, not dropped
        assertThat(items).doesNotContain("v1:");

        var unlinked = owner.delete("/account/github", "{\"value\":\"acme-org\",\"config\":{}}");
        assertThat(unlinked.status()).as(unlinked.body()).isEqualTo(200);
        assertThat(unlinked.body()).doesNotContain(token);
        assertProblem(owner.delete("/account/github", "{\"value\":\"acme-org\",\"config\":{}}"), 404);
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
            assertThat(integrations(owner)).isEmpty();
            assertThat(accounts(owner)).extracting(a -> a.get("member").asText()).containsExactly(collaborator);
        });
        // An integration grants nobody access: only collaborators are account links.
        assertThat(jdbc.sql("SELECT count(*) FROM account_link WHERE tenant = :t AND member = 'github'")
                .param("t", owner.tenant).query(Long.class).single()).isZero();
    }

    @Test
    void aLinkedHookCreatesAssetsForItsTenantWithoutAToken() {
        ChariotClient owner = newTenant();
        String pin = UUID.randomUUID().toString();
        var linked = owner.post("/account/hook", "{\"config\":{},\"value\":\"" + pin + "\"}");
        assertThat(linked.status()).as(linked.body()).isEqualTo(200);
        assertThat(linked.json().get("key").asText()).isEqualTo("#account#" + owner.tenant + "#hook#********");
        assertThat(linked.json().get("value").asText()).isEqualTo("********");
        assertThat(linked.body()).doesNotContain(pin);

        var ingested = owner.unauthenticated("POST", "/hook/" + b64url(owner.tenant) + "/" + pin,
                "{\"dns\":\"Hook.Example\",\"name\":\"10.7.0.1\",\"source\":\"scanner-tool\"}");
        assertThat(ingested.status()).as(ingested.body()).isEqualTo(200);
        JsonNode asset = ingested.json().get("assets").get(0);
        assertThat(asset.get("key").asText()).isEqualTo("#asset#hook.example#10.7.0.1");
        assertThat(asset.get("username").asText()).isEqualTo(owner.tenant);
        assertThat(asset.get("source").asText()).isEqualTo("provided");

        // The CLI's own URL: standard base64 of the user, padding removed; with a finding, a risk is opened too.
        String std = Base64.getEncoder().encodeToString(owner.tenant.getBytes(StandardCharsets.UTF_8))
                .replace("=", "");
        if (!std.contains("/")) {
            var withRisk = owner.unauthenticated("POST", "/hook/" + std + "/" + pin,
                    "{\"dns\":\"hook.example\",\"name\":\"10.7.0.2\",\"source\":\"t\",\"finding\":\"open-redis\"}");
            assertThat(withRisk.status()).as(withRisk.body()).isEqualTo(200);
            assertThat(withRisk.json().at("/risks/0/key").asText()).isEqualTo("#risk#hook.example#open-redis");
        }

        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
            var r = owner.my("#asset#hook.example#10.7.0.1");
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.json().get("assets")).hasSize(1);
            assertThat(integrations(owner)).extracting(a -> a.get("member").asText()).containsExactly("hook");
        });
        // The pin is stored only hashed and sealed; its tenant reads it back as the record's value (sdk.webhook.get_url
        // builds the URL from it), and the sealed form never leaves the platform.
        assertThat(eventPayloads(owner.tenant)).doesNotContain(pin);
        assertThat(dynamoItems(owner.tenant)).doesNotContain(pin);
        JsonNode record = integrations(owner).get(0);
        assertThat(record.get("value").asText()).isEqualTo(pin);
        assertThat(record.has("_sealed")).isFalse();
        assertThat(owner.my("#account#").body()).doesNotContain("v1:");

        // Bad bodies are 400 and write nothing (the pin is right).
        long before = events(owner.tenant);
        String url = "/hook/" + b64url(owner.tenant) + "/" + pin;
        assertProblem(owner.unauthenticated("POST", url, "{\"dns\":\"hook.example\""), 400);
        assertProblem(owner.unauthenticated("POST", url, "{\"name\":\"10.7.0.3\"}"), 400);
        assertProblem(owner.unauthenticated("POST", url, "[1]"), 400);
        assertProblem(owner.unauthenticated("POST", url, null), 400);
        assertProblem(owner.unauthenticated("POST", url, "{\"dns\":\"a#b\",\"name\":\"x\"}"), 400);
        assertThat(events(owner.tenant)).isEqualTo(before);

        // DELETE /account/hook as the CLI sends it closes the hook.
        var deleted = owner.delete("/account/hook", "{\"key\":\"#account#" + owner.tenant
                + "#hook#********\",\"member\":\"hook\",\"value\":\"********\"}");
        assertThat(deleted.status()).as(deleted.body()).isEqualTo(200);
        long afterDelete = events(owner.tenant);
        assertProblem(owner.unauthenticated("POST", url, "{\"dns\":\"hook.example\",\"name\":\"10.7.0.4\"}"), 404);
        assertThat(events(owner.tenant)).isEqualTo(afterDelete);
    }

    /** {@code sdk.search.by_source(key, 'attribute')}: attribute nodes whose source starts with the key. */
    private static JsonNode attributesOf(ChariotClient cli, String key) {
        return cli.post("/my", "{\"node\":{\"labels\":[\"Attribute\"],\"filters\":[{\"field\":\"source\","
                + "\"operator\":\"STARTS WITH\",\"value\":\"" + key + "\",\"not\":false}]},\"limit\":4096,"
                + "\"page\":0}").json().path("attributes");
    }

    @Test
    void theClientsWebhookFlowPutsAnAssetAndARiskEachMarkedSourceWebhook() {
        // praetorian-cli's test_webhook: sdk.webhook.upsert() links the hook with a pin of its own; get_url() builds
        // {api}/hook/{base64(user) without padding}/{record's value}; then requests.put(url, json=…)
        ChariotClient owner = newTenant();
        String pin = UUID.randomUUID().toString();
        assertThat(owner.post("/account/hook", "{\"config\":{},\"value\":\"" + pin + "\",\"role\":\"readonly\"}")
                .status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() ->
                assertThat(integrations(owner).get(0).get("value").asText()).isEqualTo(pin));
        String url = "/hook/" + Base64.getEncoder().encodeToString(owner.tenant.getBytes(StandardCharsets.UTF_8))
                .replace("=", "") + "/" + integrations(owner).get(0).get("value").asText();

        var asset = owner.unauthenticated("PUT", url, "{\"dns\":\"put.example\",\"name\":\"10.8.0.1\"}");
        assertThat(asset.status()).as(asset.body()).isEqualTo(200);
        var risk = owner.unauthenticated("PUT", url,
                "{\"dns\":\"put.example\",\"name\":\"10.8.0.1\",\"finding\":\"exposed-panel\"}");
        assertThat(risk.status()).as(risk.body()).isEqualTo(200);

        String assetKey = "#asset#put.example#10.8.0.1";
        String riskKey = "#risk#put.example#exposed-panel";
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
            for (String parent : List.of(assetKey, riskKey)) {
                JsonNode attributes = attributesOf(owner, parent);
                assertThat(attributes).as(parent).hasSize(1);
                assertThat(attributes.get(0).get("name").asText()).isEqualTo("source");
                assertThat(attributes.get(0).get("value").asText()).isEqualTo("webhook");
                assertThat(attributes.get(0).get("source").asText()).isEqualTo(parent);
                assertThat(attributes.get(0).get("key").asText()).isEqualTo("#attribute#source#webhook" + parent);
            }
        });

        // the client's clean-up deletes the risk's attribute by key like any other; deleting it again changes nothing
        String riskAttribute = "#attribute#source#webhook" + riskKey;
        assertThat(owner.delete("/attribute", "{\"key\":\"" + riskAttribute + "\"}").status()).isEqualTo(200);
        long after = events(owner.tenant);
        assertThat(owner.delete("/attribute", "{\"key\":\"" + riskAttribute + "\"}").status()).isEqualTo(200);
        assertThat(events(owner.tenant)).isEqualTo(after);
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() ->
                assertThat(attributesOf(owner, riskKey)).isEmpty());
        assertThat(attributesOf(owner, assetKey)).hasSize(1);
    }

    @Test
    void wrongPinsUnknownTenantsAndOtherTenantsPinsAreRejectedAndWriteNothing() {
        ChariotClient owner = newTenant();
        ChariotClient other = newTenant();
        ChariotClient noHook = newTenant();
        String pin = UUID.randomUUID().toString();
        String otherPin = UUID.randomUUID().toString();
        assertThat(owner.post("/account/hook", "{\"config\":{},\"value\":\"" + pin + "\"}").status()).isEqualTo(200);
        assertThat(other.post("/account/hook", "{\"config\":{},\"value\":\"" + otherPin + "\"}").status())
                .isEqualTo(200);
        long ownerBefore = events(owner.tenant);
        long otherBefore = events(other.tenant);
        String body = "{\"dns\":\"wrong.example\",\"name\":\"10.8.0.1\"}";

        assertProblem(owner.unauthenticated("POST", "/hook/" + b64url(owner.tenant) + "/" + pin + "x", body), 404);
        assertProblem(owner.unauthenticated("POST", "/hook/" + b64url(owner.tenant) + "/" + otherPin, body), 404);
        assertProblem(owner.unauthenticated("POST", "/hook/" + b64url("nobody-" + UUID.randomUUID()
                + "@example.com") + "/" + pin, body), 404);
        assertProblem(owner.unauthenticated("POST", "/hook/" + b64url(noHook.tenant) + "/" + pin, body), 404);
        assertProblem(owner.unauthenticated("POST", "/hook/@@@@/" + pin, body), 404);
        // A wrong pin is 404 even with a bad body: nothing is said before the pin is right.
        assertProblem(owner.unauthenticated("POST", "/hook/" + b64url(owner.tenant) + "/wrong-pin-0000000000",
                "{"), 404);
        assertThat(events(owner.tenant)).isEqualTo(ownerBefore);
        assertThat(events(other.tenant)).isEqualTo(otherBefore);
        assertThat(events(noHook.tenant)).isZero();
        assertThat(owner.my("#asset#wrong.example").json().has("assets")).isFalse();

        // Re-linking replaces the pin: the old one stops working.
        assertThat(owner.post("/account/hook", "{\"config\":{},\"value\":\"" + otherPin + "\"}").status())
                .isEqualTo(200);
        assertProblem(owner.unauthenticated("POST", "/hook/" + b64url(owner.tenant) + "/" + pin, body), 404);
        assertThat(owner.unauthenticated("POST", "/hook/" + b64url(owner.tenant) + "/" + otherPin, body).status())
                .isEqualTo(200);
    }

    @Test
    void aHookWithoutAPinGetsARandomOneAnsweredOnce() {
        ChariotClient owner = newTenant();
        var linked = owner.post("/account/hook", "{\"config\":{}}");
        assertThat(linked.status()).as(linked.body()).isEqualTo(200);
        String pin = linked.json().get("pin").asText();
        String url = linked.json().get("url").asText();
        assertThat(pin).hasSizeGreaterThanOrEqualTo(16);
        assertThat(url).endsWith("/hook/" + b64url(owner.tenant) + "/" + pin);
        var ingested = owner.unauthenticated("POST", url.substring(url.indexOf("/hook/")),
                "{\"dns\":\"gen.example\",\"name\":\"gen.example\"}");
        assertThat(ingested.status()).as(ingested.body()).isEqualTo(200);
        // the generated pin is the record's value for its tenant (so the CLI can print the URL again), never in clear
        // in the events
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() ->
                assertThat(integrations(owner)).hasSize(1));
        assertThat(integrations(owner).get(0).get("value").asText()).isEqualTo(pin);
        assertThat(eventPayloads(owner.tenant)).doesNotContain(pin);
    }
}
