package io.chariot.platform;

import com.fasterxml.jackson.databind.JsonNode;
import io.chariot.api.personal.TenantDataKeys;
import io.chariot.projections.dynamodb.TableReadModel;
import io.chariot.sagas.purge.TenantPurgeSaga;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Driver;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The tenant purge on the real servers: two tenants with assets, risks, jobs, an integration, keys, settings and a
 * file; an admin of A purges A through {@code DELETE /account/purge}; A's data leaves the query API and each read
 * store (checked in DynamoDB, Neo4j and Redis directly) and the command side's file bytes, while B's stays exactly as
 * it was. Anyone but A's admin is refused (403) and changes nothing; a purge asked again is harmless; a purge asked
 * while its saga is stopped completes once the saga runs again.
 */
class TenantPurgeIT extends PlatformIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final String ASSET = "#asset#purge.example#10.9.9.9";
    private static final String FILE = "reports/purge.txt";
    /** The query API's view of a tenant: every kind the purge removes. */
    private static final List<String> QUERIES = List.of("/my?key=" + enc("#asset"), "/my?key=" + enc("#risk"),
            "/my?key=" + enc("#job"), "/my?key=" + enc("#key"), "/my?key=" + enc("#setting"),
            "/my?key=" + enc("#configuration"), "/my?key=" + enc("#file"), "/my?key=" + enc("#attribute"),
            "/my?key=" + enc("#preseed"), "/my?key=" + enc("#account"), "/my/count?key=" + enc("#asset"),
            "/my/count?key=" + enc("#risk"));

    @Autowired
    DynamoDbClient dynamo;
    @Autowired
    Driver neo4j;
    @Autowired
    RedissonClient redis;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TenantDataKeys dataKeys;
    @Autowired
    EventProcessingConfiguration processing;

    @Test
    void anAdminPurgesTheTenantFromEveryContextAndStoreWhileAnotherTenantKeepsAllOfItsData() {
        ChariotClient a = newTenant();
        ChariotClient b = newTenant();
        ChariotClient ops = clientFor(OPERATOR);
        String reader = "r-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        fill(a);
        fill(b);
        ok(a.post("/account/" + reader, "{\"config\":{},\"value\":\"\",\"role\":\"readonly\"}"));
        await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> {
            visible(a);
            visible(b);
        });
        Map<String, Object> bBefore = everything(b);
        Map<String, Object> aBefore = stores(a.tenant);

        // nobody but A's admin: a readonly link of A's, and B's admin naming A in the account header
        for (ChariotClient refused : List.of(clientFor(reader).as(a.tenant), b.as(a.tenant))) {
            var r = refused.delete("/account/purge", "");
            assertThat(r.status()).as(r.body()).isEqualTo(403);
            assertThat(r.contentType()).startsWith("application/problem+json");
        }
        assertThat(purgeEvents(a.tenant)).isZero();
        assertThat(stores(a.tenant)).isEqualTo(aBefore);

        var accepted = a.delete("/account/purge", "");
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        String purgeId = accepted.json().get("purgeId").asText();
        assertThat(accepted.json().get("status").asText()).isEqualTo("running");

        JsonNode saga = completed(ops, a.tenant, purgeId);
        assertThat(saga.path("reason").asText()).isEqualTo("purged: jobs 1, risks 1, assets 1, webpages 0, "
                + "preseeds 1, files 1, integrations 1, settings 2, keys 2; " + keysLine());
        assertThat(texts(saga.path("steps"))).contains("purge started", "assets removed: 1", "erasure record written");
        // the erasure record: counts, no personal data beyond the tenant and who asked
        JsonNode record = erasureRecord(a.tenant, purgeId);
        assertThat(record.path("removed").path("assets").asLong()).isEqualTo(1);
        assertThat(record.path("removed").path("keys").asLong()).isEqualTo(2);
        assertThat(record.path("keysDestroyed").asBoolean()).isTrue();
        assertThat(dataKeys.destroyed(a.tenant)).isTrue();
        assertThat(dataKeys.destroyed(b.tenant)).isFalse();

        // A: gone from every store (its collaborator's link stays: nothing purges a person's link)
        await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> {
            Map<String, Object> left = stores(a.tenant);
            assertThat(keysOf(left.get("dynamodb"))).containsExactly(
                    "#account#" + a.tenant + "#" + reader + "#" + reader);
            assertThat(keysOf(left.get("neo4j"))).isEmpty();
            assertThat(keysOf(left.get("redis"))).isEmpty();
            assertThat((List<?>) left.get("files")).isEmpty();
        });
        // …and from the query API, read with a new key of A's (the purge revoked A's keys)
        ChariotClient again = clientFor(a.tenant);
        for (String query : QUERIES.subList(0, 9)) {
            assertThat(ok(again.get(query)).body()).as(query).doesNotContain("purge.example", "10.9.9.9", "jira",
                    "victim", "purge co", FILE);
        }
        assertThat(a.token().status()).isEqualTo(401);
        // B: every store and every query exactly as before
        assertThat(everything(b)).isEqualTo(bBefore);

        // asked again: a new purge that finds only the new key, and harms nobody
        var second = again.delete("/account/purge", "");
        assertThat(second.status()).as(second.body()).isEqualTo(202);
        String secondId = second.json().get("purgeId").asText();
        assertThat(secondId).isNotEqualTo(purgeId);
        assertThat(completed(ops, a.tenant, secondId).path("reason").asText()).isEqualTo("purged: jobs 0, risks 0, "
                + "assets 0, webpages 0, preseeds 0, files 0, integrations 0, settings 0, keys 1; " + keysLine());
        assertThat(everything(b)).isEqualTo(bBefore);
    }

    @Test
    void aPurgeAskedWhileItsSagaIsStoppedWaitsAndCompletesOnceTheSagaRunsAgain() {
        ChariotClient c = newTenant();
        ChariotClient ops = clientFor(OPERATOR);
        ok(c.put("/asset", "{\"group\":\"purge.example\",\"identifier\":\"10.9.9.9\",\"status\":\"A\"}"));
        await().atMost(WAIT).ignoreExceptions().untilAsserted(() ->
                assertThat(c.my(ASSET).json().get("assets")).hasSize(1));
        EventProcessor saga = processing.eventProcessor(TenantPurgeSaga.GROUP).orElseThrow();
        String purgeId;
        saga.shutDown();
        try {
            var accepted = c.delete("/account/purge", "");
            assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
            purgeId = accepted.json().get("purgeId").asText();
            // recorded, yet with its saga down nothing is removed and no instance runs
            assertThat(purgeEvents(c.tenant)).isEqualTo(1);
            assertThat(ok(ops.get("/admin/sagas?type=tenant-purge&tenant=" + enc(c.tenant))).json().path("sagas"))
                    .isEmpty();
            assertThat(ok(c.my(ASSET)).json().get("assets")).hasSize(1);
        } finally {
            saga.start();
        }
        assertThat(completed(ops, c.tenant, purgeId).path("reason").asText())
                .startsWith("purged: jobs 0, risks 0, assets 1, webpages 0, preseeds 0, files 0, integrations 0, "
                        + "settings 0, keys 1;");
        await().atMost(WAIT).ignoreExceptions().untilAsserted(() ->
                assertThat(keysOf(stores(c.tenant).get("dynamodb"))).isEmpty());
    }

    /** The platform destroys a purged tenant's data key (crypto-shredding); the record says so. */
    private static String keysLine() {
        return "data key destroyed";
    }

    /**
     * One of each: an asset with an attribute, a risk, a job, an integration, a key, a setting, a configuration, a
     * preseed and a file.
     */
    private static void fill(ChariotClient c) {
        ok(c.put("/asset", "{\"group\":\"purge.example\",\"identifier\":\"10.9.9.9\",\"status\":\"A\"}"));
        ok(c.put("/attribute", "{\"key\":\"" + ASSET + "\",\"name\":\"https\",\"value\":\"443\"}"));
        ok(c.put("/risk", "{\"key\":\"" + ASSET + "\",\"name\":\"CVE-2024-9999\",\"status\":\"TH\"}"));
        ok(c.post("/job", "{\"key\":\"" + ASSET + "\",\"capabilities\":[\"portscan\"]}"));
        ok(c.post("/account/jira", "{\"config\":{\"project\":\"SEC\"},\"value\":\"acme\"}"));
        ok(c.post("/key", "{\"name\":\"purge-test\"}"));
        ok(c.put("/setting", "{\"name\":\"victim\",\"value\":\"s\"}"));
        ok(c.put("/configuration", "{\"name\":\"victim\",\"value\":\"c\"}"));
        ok(c.post("/preseed", "{\"type\":\"whois+company\",\"title\":\"Purge Co\",\"value\":\"purge co\","
                + "\"status\":\"A\"}"));
        String url = ok(c.put("/file?name=" + enc(FILE), "")).json().get("url").asText();
        assertThat(ChariotClient.follow("PUT", url, "bytes".getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(200);
    }

    /** Every kind shows in the read models. */
    private static void visible(ChariotClient c) {
        assertThat(c.my(ASSET).json().get("assets")).hasSize(1);
        assertThat(c.my("#risk").json().get("risks")).hasSize(1);
        assertThat(c.my("#job").json().get("jobs")).hasSize(1);
        assertThat(c.my("#setting").json().get("settings")).hasSize(1);
        assertThat(c.my("#file").json().get("files")).hasSize(1);
        assertThat(c.my("#key").json().get("keies")).hasSize(2);
        assertThat(c.my("#account").body()).contains("jira");
        assertThat(c.my("#preseed").json().get("preseeds")).hasSize(1);
        assertThat(c.post("/my", "{\"node\":{\"labels\":[\"Risk\"]}}").json().get("risks")).hasSize(1);
        assertThat(c.get("/my/count?key=" + enc("#asset")).json().get("status").get("A").asLong()).isEqualTo(1);
    }

    /** A tenant as the query API and every store show it. */
    private Map<String, Object> everything(ChariotClient c) {
        Map<String, Object> all = new TreeMap<>(stores(c.tenant));
        for (String query : QUERIES) {
            all.put(query, ok(c.get(query)).body());
        }
        all.put("graph", ok(c.post("/my", "{\"node\":{\"labels\":[\"Asset\",\"Risk\",\"Attribute\"]}}")).body());
        return all;
    }

    /** What DynamoDB (every read model's live table), Neo4j, Redis and the file store hold of a tenant. */
    private Map<String, Object> stores(String tenant) {
        Map<String, Object> items = new TreeMap<>();
        new TreeSet<>(readModels.all().stream().filter(m -> m instanceof TableReadModel)
                .map(m -> ((TableReadModel) m).table().name()).toList()).forEach(table ->
                dynamo.queryPaginator(q -> q.tableName(table).keyConditionExpression("username = :t")
                                .expressionAttributeValues(Map.of(":t", AttributeValue.fromS(tenant))))
                        .items().forEach(i -> items.put(i.get("key").s(), new TreeMap<>(i).toString())));
        Map<String, Object> nodes = new TreeMap<>();
        try (var session = neo4j.session()) {
            session.run("MATCH (n) WHERE n.username = $t OR n.uid STARTS WITH $own "
                            + "RETURN n.uid AS id, labels(n) AS labels, properties(n) AS props",
                            Map.of("t", tenant, "own", tenant + "#"))
                    .forEachRemaining(r -> nodes.put(r.get("id").asString(),
                            new TreeMap<>(r.get("props").asMap()) + " " + r.get("labels").asList()));
        }
        Map<String, Object> keys = new TreeMap<>();
        for (String key : redis.getKeys().getKeysByPattern("*{" + tenant + "}*")) {
            keys.put(key, key.contains(":counts:")
                    ? new TreeMap<>(redis.<String, String>getMap(key, StringCodec.INSTANCE).readAllMap()) : "");
        }
        List<String> files = jdbc.queryForList("SELECT name || ':' || sha256 FROM file_content WHERE tenant = ? "
                + "ORDER BY name", String.class, tenant);
        return Map.of("dynamodb", items, "neo4j", nodes, "redis", keys, "files", files);
    }

    /** The operator's view of the purge, once it completed. */
    private static JsonNode completed(ChariotClient ops, String tenant, String purgeId) {
        JsonNode[] found = new JsonNode[1];
        await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> {
            found[0] = null;
            for (JsonNode saga : ok(ops.get("/admin/sagas?type=tenant-purge&tenant=" + enc(tenant))).json()
                    .path("sagas")) {
                if (saga.path("subject").asText().equals(purgeId)) {
                    found[0] = saga;
                }
            }
            assertThat(found[0]).isNotNull();
            assertThat(found[0].path("state").asText()).isEqualTo("COMPLETED");
        });
        return found[0];
    }

    private int purgeEvents(String tenant) {
        return jdbc.queryForObject("SELECT count(*) FROM domainEventEntry WHERE aggregateIdentifier = ?",
                Integer.class, tenant + "#purge");
    }

    private JsonNode erasureRecord(String tenant, String purgeId) {
        for (String payload : jdbc.queryForList("SELECT convert_from(payload, 'UTF8') FROM domainEventEntry "
                + "WHERE aggregateIdentifier = ? AND payloadType LIKE '%TenantPurged'", String.class,
                tenant + "#purge")) {
            try {
                JsonNode event = new com.fasterxml.jackson.databind.ObjectMapper().readTree(payload);
                if (event.path("purgeId").asText().equals(purgeId)) {
                    return event;
                }
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("no TenantPurged for " + purgeId);
    }

    private static List<String> keysOf(Object map) {
        return ((Map<?, ?>) map).keySet().stream().map(String::valueOf).toList();
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new java.util.ArrayList<>();
        array.forEach(n -> texts.add(n.asText()));
        return texts;
    }

    private static ChariotClient.Response ok(ChariotClient.Response r) {
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
