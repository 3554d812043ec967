package io.chariot.platform;

import io.chariot.projections.ReadModel;
import io.chariot.projections.replay.EventStoreReplayer;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Driver;
import org.springframework.beans.factory.annotation.Autowired;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Clearing the risk read models (table and graph) and replaying the event store rebuilds identical risks: status,
 * history, tags, tickets, HAS_VULNERABILITY edges and the risks' own attribute nodes.
 */
class RiskReplayIT extends PlatformIntegrationTest {

    private static final List<String> MODELS = List.of("risks-dynamodb", "risks-neo4j");
    private static final String ASSET = "#asset#replay-risks.example#10.3.0.1";
    private static final String RISK = "#risk#replay-risks.example#CVE-2024-23049";

    @Autowired
    DynamoDbClient dynamo;
    @Autowired
    Driver neo4j;
    @Autowired
    EventStoreReplayer replayer;
    @Autowired
    EventProcessingConfiguration processing;

    @Test
    void clearingAndReplayingTheRiskReadModelsRebuildsIdenticalRisksWithTheirTickets() {
        ChariotClient cli = newTenant();
        cli.put("/asset", "{\"group\":\"replay-risks.example\",\"identifier\":\"10.3.0.1\",\"status\":\"A\"}");
        cli.put("/risk", "{\"key\":\"" + ASSET + "\",\"name\":\"CVE-2024-23049\",\"status\":\"TH\","
                + "\"tickets\":[{\"provider\":\"azuredevops\",\"id\":\"42\"}]}");
        cli.put("/risk", "{\"key\":\"" + RISK + "\",\"status\":\"OH\",\"comment\":\"confirmed\",\"tags\":[\"web\"],"
                + "\"tickets\":[{\"provider\":\"jira\",\"id\":\"PROJ-1\",\"link\":\"https://jira.example.com/PROJ-1\","
                + "\"labels\":[\"security\"]},{\"provider\":\"azuredevops\",\"id\":\"42\",\"status\":\"Done\"}]}");
        cli.put("/risk", "{\"key\":\"" + ASSET + "\",\"name\":\"weak tls\",\"status\":\"TL\","
                + "\"tickets\":[{\"provider\":\"jira\",\"id\":\"PROJ-2\"}]}");
        // the webhook's mark on a risk: an attribute node of the risk's own, with its HAS_ATTRIBUTE edge
        assertThat(cli.put("/attribute", "{\"key\":\"" + RISK + "\",\"name\":\"source\",\"value\":\"webhook\"}")
                .status()).isEqualTo(200);
        String last = cli.put("/risk", "{\"key\":\"#risk#replay-risks.example#weak-tls\",\"tickets\":[]}")
                .json().get("risks").get(0).get("updated").asText();
        // Both read models have applied the last events.
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().untilAsserted(() -> {
            var now = snapshot(cli.tenant);
            assertThat(now.get("dynamodb").toString()).contains("PROJ-1").contains("S=" + last);
            assertThat(now.get("neo4j").toString()).contains("PROJ-1").contains("updated=" + last)
                    .contains("HAS_VULNERABILITY<" + ASSET).contains("HAS_ATTRIBUTE<" + RISK);
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
        // verify (live against rebuilt from scratch, both graph models together) finds nothing amiss for the tenant
        ChariotClient ops = clientFor(OPERATOR);
        for (String projection : List.of("risks-neo4j", "assets-neo4j")) {
            var verified = ops.postSlow("/admin/projections/" + projection + "/verify", "");
            assertThat(verified.status()).as(verified.body()).isEqualTo(200);
            assertThat(verified.json().findValuesAsText("tenant")).as(projection + ": " + verified.body())
                    .doesNotContain(cli.tenant);
        }
    }

    /** The tenant's risks in both stores, in a comparable form. */
    private Map<String, Object> snapshot(String tenant) {
        Map<String, Object> items = new TreeMap<>();
        dynamo.queryPaginator(b -> b.tableName(liveTable("risks-dynamodb"))
                        .keyConditionExpression("username = :t AND begins_with(#k, :risk)")
                        .expressionAttributeNames(Map.of("#k", "key"))
                        .expressionAttributeValues(Map.of(":t", AttributeValue.fromS(tenant),
                                ":risk", AttributeValue.fromS("#risk#"))))
                .items().forEach(i -> items.put(i.get("key").s(), new TreeMap<>(i).toString()));
        Map<String, Object> nodes = new TreeMap<>();
        try (var session = neo4j.session()) {
            session.run("""
                    MATCH (n {username: $t})
                    WHERE n.key STARTS WITH '#risk#' OR (n.key STARTS WITH '#attribute#' AND n.source STARTS WITH '#risk#')
                    OPTIONAL MATCH (m)-[r]->(n)
                    RETURN n.key AS key, labels(n) AS labels, properties(n) AS props,
                           collect(type(r) + '<' + m.key + ' ' + toString(r.created) + ' ' + toString(r.visited))
                               AS edges""", Map.of("t", tenant))
                    .forEachRemaining(r -> nodes.put(r.get("key").asString(),
                            new TreeMap<>(r.get("props").asMap()) + " " + r.get("labels").asList()
                                    + " " + new TreeSet<>(r.get("edges").asList())));
        }
        return Map.of("dynamodb", items, "neo4j", nodes);
    }
}
