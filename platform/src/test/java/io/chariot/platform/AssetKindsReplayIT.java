package io.chariot.platform;

import io.chariot.projections.ReadModel;
import io.chariot.projections.replay.EventStoreReplayer;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Driver;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import org.springframework.beans.factory.annotation.Autowired;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Clearing the read models of asset kinds and webpages (table, graph, counts) and replaying the event store
 * rebuilds them identically: web applications (renamed, updated, deleted), AD domains, attributes under them,
 * webpages with parents and sources, and the HAS_WEBPAGE / HAS_VULNERABILITY edges.
 */
class AssetKindsReplayIT extends PlatformIntegrationTest {

    private static final List<String> MODELS = List.of("assets-dynamodb", "assets-neo4j", "assets-redis",
            "webpages-dynamodb", "webpages-neo4j", "risks-neo4j");
    private static final String APP = "#webapplication#https://replay.example.com/";
    private static final String PAGE = "#webpage#https://replay.example.com/a";
    private static final String OTHER_PAGE = "#webpage#https://replay.example.com/b";

    @Autowired
    DynamoDbClient dynamo;
    @Autowired
    Driver neo4j;
    @Autowired
    RedissonClient redis;
    @Autowired
    EventStoreReplayer replayer;
    @Autowired
    EventProcessingConfiguration processing;

    @Test
    void clearingAndReplayingRebuildsIdenticalAssetKindsAndWebpages() {
        ChariotClient cli = newTenant();
        cli.put("/asset", "{\"group\":\"Replay\",\"identifier\":\"https://replay.example.com\",\"attackSurface\":[\"external\"],\"type\":\"webapplication\"}");
        cli.put("/asset", "{\"group\":\"Replay Renamed\",\"identifier\":\"https://replay.example.com\",\"type\":\"webapplication\"}");
        cli.put("/asset", "{\"key\":\"" + APP + "\",\"status\":\"F\",\"attackSurface\":[\"abc\"]}");
        cli.put("/asset", "{\"group\":\"corp.local\",\"identifier\":\"S-1-5-21-7\",\"type\":\"addomain\"}");
        cli.delete("/asset", "{\"key\":\"#addomain#corp.local#S-1-5-21-7\"}");
        cli.put("/attribute", "{\"key\":\"" + APP + "\",\"name\":\"id\",\"value\":\"7\"}");
        cli.post("/webpage", "{\"webpage\":{\"url\":\"https://replay.example.com/a\",\"status\":\"A\"},\"parent_key\":\"" + APP + "\"}");
        cli.post("/webpage", "{\"webpage\":{\"url\":\"https://replay.example.com/b\",\"status\":\"A\"}}");
        cli.post("/webpage", "{\"webpage\":{\"url\":\"https://replay.example.com/b\",\"status\":\"A\"},\"parent_key\":\"" + APP + "\"}");
        String url = cli.put("/file?name=" + URLEncoder.encode("src/a.js", StandardCharsets.UTF_8), "").json().get("url").asText();
        ChariotClient.follow("PUT", url, "x".getBytes(StandardCharsets.UTF_8));
        cli.put("/webpage/link", "{\"webpageKey\":\"" + PAGE + "\",\"entityKey\":\"#file#src/a.js\"}");
        cli.put("/webpage/link", "{\"webpageKey\":\"" + OTHER_PAGE + "\",\"entityKey\":\"#file#src/a.js\"}");
        cli.delete("/webpage/link", "{\"webpageKey\":\"" + OTHER_PAGE + "\",\"entityKey\":\"#file#src/a.js\"}");
        cli.put("/risk", "{\"key\":\"" + PAGE + "\",\"name\":\"xss\",\"status\":\"TH\"}");
        // Every read model has applied the last events.
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().untilAsserted(() -> {
            var now = snapshot(cli.tenant);
            assertThat(now.get("dynamodb").toString()).contains("Replay Renamed").contains("#file#src/a.js")
                    .contains(OTHER_PAGE + "={");
            assertThat(((Map<?, ?>) now.get("dynamodb")).get(OTHER_PAGE).toString()).contains("artifacts=AttributeValue(L=[])");
            assertThat(now.get("neo4j").toString()).contains("HAS_WEBPAGE<" + APP).contains("HAS_VULNERABILITY")
                    .contains("name=Replay Renamed");
            // the unlink, on the very page it was for (another page's empty list says nothing about this one)
            assertThat(((Map<?, ?>) now.get("neo4j")).get(OTHER_PAGE).toString()).contains("artifacts=[]");
            assertThat(now.get("redis").toString()).contains("webapplication={").contains("status:F=1")
                    .contains("status:D=1").contains("attribute:id=1");
        });
        var before = snapshot(cli.tenant);

        List<ReadModel> models = MODELS.stream().map(m -> readModels.named(m).orElseThrow()).toList();
        List<EventProcessor> live = MODELS.stream().map(m -> processing.eventProcessor(m).orElseThrow()).toList();
        live.forEach(EventProcessor::shutDown);
        try {
            models.forEach(ReadModel::clear);
            assertThat(snapshot(cli.tenant).get("dynamodb").toString()).isEqualTo("{}");
            assertThat(snapshot(cli.tenant).get("neo4j").toString()).isEqualTo("{}");
            replayer.replay(models);
            assertThat(snapshot(cli.tenant)).isEqualTo(before);
        } finally {
            live.forEach(EventProcessor::start);
        }
    }

    private Map<String, Object> snapshot(String tenant) {
        Map<String, Object> items = new TreeMap<>();
        for (String model : List.of("assets-dynamodb", "webpages-dynamodb")) {
            dynamo.queryPaginator(b -> b.tableName(liveTable(model))
                            .keyConditionExpression("username = :t")
                            .expressionAttributeValues(Map.of(":t", AttributeValue.fromS(tenant))))
                    .items().forEach(i -> {
                        String key = i.get("key").s();
                        if (key.startsWith("#webapplication#") || key.startsWith("#addomain#")
                                || key.startsWith("#attribute#") || key.startsWith("#webpage#")) {
                            items.put(key, new TreeMap<>(i).toString());
                        }
                    });
        }
        Map<String, Object> nodes = new TreeMap<>();
        try (var session = neo4j.session()) {
            session.run("""
                    MATCH (n {username: $t}) WHERE NOT n.key STARTS WITH '#risk#'
                    OPTIONAL MATCH (m)-[r]->(n)
                    OPTIONAL MATCH (n)-[o]->(x)
                    RETURN n.key AS key, labels(n) AS labels, properties(n) AS props,
                           collect(DISTINCT type(r) + '<' + m.key + ' ' + toString(r.created) + ' '
                               + toString(r.visited)) AS edges,
                           collect(DISTINCT type(o) + '>' + x.key) AS out""", Map.of("t", tenant))
                    .forEachRemaining(r -> nodes.put(r.get("key").asString(),
                            new TreeMap<>(r.get("props").asMap()) + " " + new TreeSet<>(r.get("labels").asList())
                                    + " " + new TreeSet<>(r.get("edges").asList())
                                    + " " + new TreeSet<>(r.get("out").asList())));
        }
        Map<String, Object> counts = new TreeMap<>();
        for (String kind : List.of("webapplication", "addomain", "attribute")) {
            Map<String, String> hash = new TreeMap<>(redis.<String, String>getMap(
                    liveCounts("assets-redis", tenant, kind), StringCodec.INSTANCE).readAllMap());
            hash.values().removeIf("0"::equals);
            counts.put(kind, hash);
        }
        return Map.of("dynamodb", items, "neo4j", nodes, "redis", counts);
    }
}
