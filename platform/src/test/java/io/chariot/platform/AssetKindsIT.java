package io.chariot.platform;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Driver;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import org.springframework.beans.factory.annotation.Autowired;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Web applications and AD domains through the API, as praetorian-cli's {@code assets.add(..., type=…)} sends them,
 * into every store: their keys, kind fields and labels, their lifecycle (update, soft delete, listing by type and
 * status), attributes under them and counts (ADR 0007).
 */
class AssetKindsIT extends PlatformIntegrationTest {

    static final String WEBAPP = "#webapplication#https://app.example.com/";
    static final String DOMAIN = "#addomain#corp.local#S-1-5-21-1-2-3";

    @Autowired
    DynamoDbClient dynamo;
    @Autowired
    Driver neo4j;
    @Autowired
    RedissonClient redis;

    @Test
    void aWebApplicationLivesThroughTheApiAndLandsInEveryStoreWithItsKindsShape() {
        ChariotClient cli = newTenant();
        var added = cli.put("/asset", """
                {"group":"My App","identifier":"HTTPS://App.example.com:443/?x=1","status":"A",\
                "attackSurface":["test-surface"],"type":"webapplication"}""");
        assertThat(added.status()).as(added.body()).isEqualTo(200);
        JsonNode app = added.json().get(0);
        assertThat(app.get("key").asText()).isEqualTo(WEBAPP);
        assertThat(app.get("name").asText()).isEqualTo("My App");
        assertThat(app.get("primary_url").asText()).isEqualTo("https://app.example.com/");
        assertThat(app.get("group").asText()).isEqualTo("My App");
        assertThat(app.get("identifier").asText()).isEqualTo("https://app.example.com/");
        assertThat(app.get("class").asText()).isEqualTo("webapplication");
        assertThat(app.get("attackSurface")).hasSize(1);
        assertThat(app.get("attackSurface").get(0).asText()).isEqualTo("test-surface");

        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
            var item = dynamo.getItem(b -> b.tableName(liveTable("assets-dynamodb")).key(Map.of(
                    "username", AttributeValue.fromS(cli.tenant), "key", AttributeValue.fromS(WEBAPP)))).item();
            assertThat(item.get("primary_url").s()).isEqualTo("https://app.example.com/");
            assertThat(item.get("name").s()).isEqualTo("My App");
            assertThat(item).doesNotContainKey("dns");
            assertThat(labels(cli.tenant, WEBAPP)).containsExactlyInAnyOrder(liveLabel("Asset"), liveLabel("TTL"),
                    liveLabel("WebApplication"));
            assertThat(counts(cli.tenant, "webapplication")).containsEntry("status:A", "1")
                    .containsEntry("class:webapplication", "1");
        });
        // praetorian-cli: assets.list(asset_type='webapplication'), and list assets (label Asset) finds it too
        assertThat(keys(cli.post("/my", query("WebApplication", "key", "STARTS WITH", "#webapplication#"))))
                .containsExactly(WEBAPP);
        assertThat(keys(cli.post("/my", query("Asset", "key", "STARTS WITH", WEBAPP)))).containsExactly(WEBAPP);

        // re-added under another name (tabularium's Merge), then update and soft delete by key
        cli.put("/asset", """
                {"group":"Renamed","identifier":"https://app.example.com","status":"A","attackSurface":[""],\
                "type":"webapplication"}""");
        assertThat(cli.put("/asset", "{\"key\":\"" + WEBAPP + "\",\"status\":\"F\",\"attackSurface\":[\"abc\"]}")
                .status()).isEqualTo(200);
        var deleted = cli.delete("/asset", "{\"key\":\"" + WEBAPP + "\"}");
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.json().get(0).get("status").asText()).isEqualTo("D");

        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
            JsonNode node = cli.post("/my", query("WebApplication", "status", "STARTS WITH", "D"))
                    .json().get("webapplications").get(0);
            assertThat(node.get("name").asText()).isEqualTo("Renamed");
            assertThat(node.get("group").asText()).isEqualTo("Renamed");
            assertThat(node.get("attackSurface").get(0).asText()).isEqualTo("abc");
            assertThat(node.get("history")).hasSize(2);
            JsonNode item = cli.my(WEBAPP).json().get("webapplications").get(0);
            assertThat(item.get("name").asText()).isEqualTo("Renamed");
            assertThat(item.get("status").asText()).isEqualTo("D");
            assertThat(cli.get("/my/count?key=%23webapplication").json().get("status").toString())
                    .isEqualTo("{\"D\":1}");
        });
    }

    @Test
    void anAdDomainIsKeyedByDomainAndObjectIdAndCarriesItsAdLabelsButNotAsset() {
        ChariotClient cli = newTenant();
        var added = cli.put("/asset", """
                {"group":"Corp.Local","identifier":"s-1-5-21-1-2-3","status":"A","attackSurface":["test-surface"],\
                "type":"addomain"}""");
        assertThat(added.status()).as(added.body()).isEqualTo(200);
        JsonNode domain = added.json().get(0);
        assertThat(domain.get("key").asText()).isEqualTo(DOMAIN);
        assertThat(domain.get("domain").asText()).isEqualTo("corp.local");
        assertThat(domain.get("objectid").asText()).isEqualTo("S-1-5-21-1-2-3");
        assertThat(domain.get("sid").asText()).isEqualTo("S-1-5-21-1-2-3");
        assertThat(domain.get("group").asText()).isEqualTo("corp.local");
        assertThat(domain.get("private").asBoolean()).isTrue();

        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
            assertThat(labels(cli.tenant, DOMAIN)).containsExactlyInAnyOrder(liveLabel("ADObject"),
                    liveLabel("TTL"), liveLabel("ADDomain"));
            assertThat(cli.my("#addomain#").json().get("addomains").get(0).get("objectid").asText())
                    .isEqualTo("S-1-5-21-1-2-3");
            assertThat(counts(cli.tenant, "addomain")).containsEntry("status:A", "1");
        });
        assertThat(keys(cli.post("/my", query("ADDomain", "key", "STARTS WITH", "#addomain#"))))
                .containsExactly(DOMAIN);
        assertThat(cli.post("/my", query("Asset", "key", "STARTS WITH", "#addomain#")).body()).isEqualTo("{}");

        cli.put("/asset", "{\"key\":\"#addomain#CORP.local#s-1-5-21-1-2-3\",\"status\":\"F\",\"attackSurface\":[\"abc\"]}");
        cli.delete("/asset", "{\"key\":\"" + DOMAIN + "\"}");
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
            JsonNode node = cli.post("/my", query("ADDomain", "status", "STARTS WITH", "D"))
                    .json().get("addomains").get(0);
            assertThat(node.get("key").asText()).isEqualTo(DOMAIN);
            assertThat(node.get("history")).hasSize(2);
            assertThat(node.get("history").get(0).get("to").asText()).isEqualTo("F");
        });
    }

    @Test
    void attackSurfacesAreFreeFormAndTheKnownOnesSetTheirFlags() {
        ChariotClient cli = newTenant();
        JsonNode asset = cli.put("/asset", """
                {"group":"flags.example","identifier":"flags.example","status":"A",\
                "attackSurface":["External","test-surface"]}""").json().get(0);
        assertThat(asset.get("attackSurface").toString()).isEqualTo("[\"external\",\"test-surface\"]");
        assertThat(asset.get("isExternal").asBoolean()).isTrue();
        assertThat(asset.get("isInternal").asBoolean()).isFalse();
        String key = "#asset#flags.example#flags.example";
        cli.put("/asset", "{\"key\":\"" + key + "\",\"attackSurface\":[\"internal\"]}");
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
            JsonNode node = cli.post("/my", query("Asset", "key", "=", key)).json().get("assets").get(0);
            assertThat(node.get("isInternal").asBoolean()).isTrue();
            assertThat(node.get("isExternal").asBoolean()).isFalse();
            JsonNode item = cli.my(key).json().get("assets").get(0);
            assertThat(item.get("isInternal").asBoolean()).isTrue();
            assertThat(item.get("isExternal").asBoolean()).isFalse();
        });
    }

    @Test
    void attributesAreListedBySourceFoundByKeyAndDeletedUnderAnyKind() {
        ChariotClient cli = newTenant();
        cli.put("/asset", "{\"group\":\"App\",\"identifier\":\"https://app.example.com\",\"type\":\"webapplication\"}");
        var added = cli.put("/attribute", "{\"key\":\"" + WEBAPP + "\",\"name\":\"id\",\"value\":\"42\"}");
        assertThat(added.status()).as(added.body()).isEqualTo(200);
        String key = "#attribute#id#42" + WEBAPP;
        JsonNode attribute = added.json().get("attributes").get(0);
        assertThat(attribute.get("key").asText()).isEqualTo(key);
        assertThat(attribute.get("source").asText()).isEqualTo(WEBAPP);

        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
            // sdk.assets.attributes / search.by_source(key, 'attribute'): source STARTS WITH the parent key
            JsonNode bySource = cli.post("/my", query("Attribute", "source", "STARTS WITH", WEBAPP)).json();
            assertThat(keys(bySource)).containsExactly(key);
            // sdk.attributes.get: key = …; and the HAS_ATTRIBUTE edge from the web application
            assertThat(cli.post("/my", query("Attribute", "key", "=", key)).json().get("attributes").get(0)
                    .get("created").asText()).isEqualTo(attribute.get("created").asText());
            try (var session = neo4j.session()) {
                assertThat(session.run("MATCH (:" + liveLabel("WebApplication") + " {uid: $p})-[:HAS_ATTRIBUTE]->(a) "
                        + "RETURN a.key AS k", Map.of("p", cli.tenant + WEBAPP)).single().get("k").asString())
                        .isEqualTo(key);
            }
        });
        assertThat(cli.delete("/attribute", "{\"key\":\"" + key + "\"}").status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() ->
                assertThat(cli.post("/my", query("Attribute", "key", "=", key)).body()).isEqualTo("{}"));
    }

    @Test
    void aCountByAPrefixNarrowerThanAKindCountsOnlyTheItemsUnderIt() {
        ChariotClient cli = newTenant();
        cli.put("/asset", "{\"group\":\"one.example\",\"identifier\":\"10.0.0.1\",\"status\":\"A\"}");
        cli.put("/asset", "{\"group\":\"one.example\",\"identifier\":\"10.0.0.2\",\"status\":\"F\"}");
        cli.put("/asset", "{\"group\":\"two.example\",\"identifier\":\"10.0.0.3\",\"status\":\"A\"}");
        cli.put("/attribute", "{\"key\":\"#asset#one.example#10.0.0.1\",\"name\":\"http\",\"value\":\"80\"}");
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
            // praetorian-cli search -t "#asset#one.example" -c
            JsonNode narrow = cli.get("/my/count?key=%23asset%23one.example").json();
            assertThat(narrow.get("status").toString()).isEqualTo("{\"A\":1,\"F\":1}");
            assertThat(narrow.get("class").get("ipv4").asLong()).isEqualTo(2);
            assertThat(narrow.get("attributes").size()).isZero();
            JsonNode whole = cli.get("/my/count?key=%23asset").json();
            assertThat(whole.get("status").get("A").asLong()).isEqualTo(2);
            JsonNode attributes = cli.get("/my/count?key=%23attribute%23http").json();
            assertThat(attributes.get("attributes").get("http").asLong()).isEqualTo(1);
        });
    }

    @Test
    void anUnknownTypeOrAnInvalidUrlOrObjectIdIsABadRequestThatWritesNothing() {
        ChariotClient cli = newTenant();
        for (String body : List.of(
                "{\"group\":\"g\",\"identifier\":\"i\",\"type\":\"repository\"}",
                "{\"group\":\"App\",\"identifier\":\"ftp://app.example.com\",\"type\":\"webapplication\"}",
                "{\"group\":\"App\",\"identifier\":\"not a url\",\"type\":\"webapplication\"}",
                "{\"group\":\"corp.local\",\"identifier\":\"not-a-sid\",\"type\":\"addomain\"}")) {
            var r = cli.put("/asset", body);
            assertThat(r.status()).as(body).isEqualTo(400);
            assertThat(r.contentType()).startsWith("application/problem+json");
        }
        assertThat(cli.delete("/asset", "{\"key\":\"#webpage#https://x.example/\"}").status()).isEqualTo(400);
        assertThat(cli.get("/my/count").json().get("status").size()).isZero();
        assertThat(cli.my("#").body()).doesNotContain("#webapplication#", "#addomain#", "#asset#");
    }

    private java.util.List<String> labels(String tenant, String key) {
        try (var session = neo4j.session()) {
            return session.run("MATCH (n {uid: $uid}) RETURN labels(n) AS l", Map.of("uid", tenant + key))
                    .single().get("l").asList(v -> v.asString());
        }
    }

    private Map<String, String> counts(String tenant, String kind) {
        return redis.<String, String>getMap(liveCounts("assets-redis", tenant, kind), StringCodec.INSTANCE)
                .readAllMap();
    }

    static String query(String label, String field, String operator, String value) {
        return """
                {"node":{"labels":["%s"],"filters":[{"field":"%s","operator":"%s","value":"%s","not":false}]},\
                "limit":4096,"page":0}""".formatted(label, field, operator, value);
    }

    static java.util.List<String> keys(ChariotClient.Response r) {
        return keys(r.json());
    }

    static java.util.List<String> keys(JsonNode envelope) {
        java.util.List<String> out = new java.util.ArrayList<>();
        envelope.fields().forEachRemaining(e -> {
            if (e.getValue().isArray()) {
                e.getValue().forEach(n -> out.add(n.get("key").asText()));
            }
        });
        return out;
    }
}
