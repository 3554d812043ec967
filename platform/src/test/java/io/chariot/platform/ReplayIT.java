package io.chariot.platform;

import io.chariot.api.account.SecretHash;
import io.chariot.api.account.AccountCommands.IssueApiKey;
import io.chariot.projections.ReadModel;
import io.chariot.projections.ReadModels;
import io.chariot.projections.replay.EventStoreReplayer;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Driver;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import org.springframework.beans.factory.annotation.Autowired;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Wiping the three stores and replaying the event store yields identical read models. */
class ReplayIT extends PlatformIntegrationTest {

    /** The items the asset read models own in the shared table (the tenant's API key item is another model's). */
    private static final java.util.regex.Pattern ASSET_MODEL_KEYS = java.util.regex.Pattern.compile("^#(asset|attribute|port)#");

    @Autowired
    DynamoDbClient dynamo;
    @Autowired
    Driver neo4j;
    @Autowired
    RedissonClient redis;
    @Autowired
    EventStoreReplayer replayer;
    @Autowired
    ReadModels readModels;
    @Autowired
    EventProcessingConfiguration processing;

    /**
     * A write that failed after its event was inserted (here: its in-transaction credential write) leaves a hole in
     * the event store's positions; a replay started right after it still reaches the head.
     */
    @Test
    void aReplayReachesTheHeadPastAGapARolledBackWriteLeft() {
        String keyId = UUID.randomUUID().toString();
        var failing = new IssueApiKey(keyId, "t-" + keyId.substring(0, 8) + "@example.com", "n",
                SecretHash.of(SecretHash.newSecret()), "r".repeat(40), null, "test");
        assertThatThrownBy(() -> commands.sendAndWait(failing)).isNotNull();
        newTenant().put("/asset", "{\"group\":\"gap.example\",\"identifier\":\"10.2.0.1\"}");
        long head = replayer.headPosition();
        var outcome = replayer.replay(List.of(), EventStoreReplayer.Options.defaults());
        assertThat(outcome.lastPosition()).isGreaterThanOrEqualTo(head);
    }

    @Test
    void wipingTheStoresAndReplayingTheEventStoreRebuildsIdenticalReadModels() {
        ChariotClient cli = newTenant();
        for (int i = 0; i < 5; i++) {
            cli.put("/asset", "{\"group\":\"replay.example\",\"identifier\":\"10.1.0." + i + "\",\"status\":\"A\"}");
        }
        cli.put("/asset", "{\"key\":\"#asset#replay.example#10.1.0.1\",\"status\":\"F\"}");
        cli.delete("/asset", "{\"key\":\"#asset#replay.example#10.1.0.2\"}");
        cli.put("/attribute", "{\"key\":\"#asset#replay.example#10.1.0.3\",\"name\":\"http\",\"value\":\"80\"}");
        // Every store has applied the last events (each processor runs at its own pace).
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().untilAsserted(() -> {
            var now = snapshot(cli.tenant);
            assertThat(now.get("redis").toString()).contains("attribute:http=1").contains("status:D=1");
            assertThat(((Map<?, ?>) now.get("dynamodb")).get("#asset#replay.example#10.1.0.2").toString())
                    .contains("status=AttributeValue(S=D)");
            assertThat(((Map<?, ?>) now.get("dynamodb")).containsKey("#attribute#http#80#asset#replay.example#10.1.0.3")).isTrue();
            assertThat(((Map<?, ?>) now.get("neo4j")).get("#asset#replay.example#10.1.0.2").toString())
                    .contains("status=D");
            assertThat(((Map<?, ?>) now.get("neo4j")).get("#asset#replay.example#10.1.0.3").toString())
                    .contains("HAS_ATTRIBUTE>#attribute#http#80");
        });
        var before = snapshot(cli.tenant);

        List<EventProcessor> live = List.of(processor("assets-dynamodb"), processor("assets-neo4j"),
                processor("assets-redis"));
        live.forEach(EventProcessor::shutDown);
        try {
            readModels.all().stream().filter(m -> m.name().startsWith("assets-")).forEach(ReadModel::clear);
            assertThat(snapshot(cli.tenant).get("dynamodb").toString()).isEqualTo("{}");
            long replayed = replayer.replay(readModels.all().stream()
                    .filter(m -> m.name().startsWith("assets-")).toList());
            assertThat(replayed).isGreaterThanOrEqualTo(8);
            assertThat(snapshot(cli.tenant)).isEqualTo(before);
        } finally {
            live.forEach(EventProcessor::start);
        }
    }

    private EventProcessor processor(String name) {
        return processing.eventProcessor(name).orElseThrow();
    }

    /** Everything each store holds for one tenant, in a comparable form. */
    private Map<String, Object> snapshot(String tenant) {
        Map<String, Object> items = new TreeMap<>();
        dynamo.queryPaginator(b -> b.tableName(liveTable("assets-dynamodb")).keyConditionExpression("username = :t")
                        .expressionAttributeValues(Map.of(":t",
                                software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(tenant))))
                .items().stream().filter(i -> ASSET_MODEL_KEYS.matcher(i.get("key").s()).find())
                .forEach(i -> items.put(i.get("key").s(), new TreeMap<>(i).toString()));
        Map<String, Object> nodes = new TreeMap<>();
        try (var session = neo4j.session()) {
            session.run("""
                    MATCH (n {username: $t}) OPTIONAL MATCH (n)-[r]->(m)
                    RETURN n.key AS key, labels(n) AS labels, properties(n) AS props,
                           collect(type(r) + '>' + m.key) AS edges""", Map.of("t", tenant))
                    .forEachRemaining(r -> nodes.put(r.get("key").asString(),
                            new TreeMap<>(r.get("props").asMap()) + " " + r.get("labels").asList()
                                    + " " + new java.util.TreeSet<>(r.get("edges").asList())));
        }
        Map<String, Object> counts = new TreeMap<>();
        for (String kind : List.of("asset", "attribute")) {
            counts.putAll(new TreeMap<>(redis.<String, String>getMap(liveCounts("assets-redis", tenant, kind),
                    StringCodec.INSTANCE).readAllMap()));
        }
        counts.values().removeIf("0"::equals);
        return Map.of("dynamodb", items, "neo4j", nodes, "redis", counts);
    }
}
