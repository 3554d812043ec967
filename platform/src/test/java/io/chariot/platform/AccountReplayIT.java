package io.chariot.platform;

import io.chariot.projections.ReadModel;
import io.chariot.projections.ReadModels;
import io.chariot.projections.replay.EventStoreReplayer;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The accounts-dynamodb read model is rebuilt identically from the event store, and clearing it removes only its
 * own items (links, keys, settings, configurations) from the shared Chariot table.
 */
class AccountReplayIT extends PlatformIntegrationTest {

    @Autowired
    DynamoDbClient dynamo;
    @Autowired
    EventStoreReplayer replayer;
    @Autowired
    ReadModels readModels;
    @Autowired
    EventProcessingConfiguration processing;

    @Test
    void clearingAndReplayingTheAccountReadModelRebuildsIdenticalItems() {
        ChariotClient owner = newTenant();
        String member = "r-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        owner.put("/asset", "{\"group\":\"replay-accounts.example\",\"identifier\":\"10.2.0.1\",\"status\":\"A\"}");
        owner.post("/account/" + member, "{\"config\":{},\"value\":\"\",\"role\":\"readonly\"}");
        owner.post("/account/" + member, "{\"config\":{},\"value\":\"\",\"role\":\"analyst\"}");
        owner.post("/account/gone-" + member, "{\"config\":{},\"value\":\"\",\"role\":\"admin\"}");
        owner.delete("/account/gone-" + member, "{\"value\":\"\",\"config\":{}}");
        String id = owner.post("/key", "{\"name\":\"replayed\"}").json().get("id").asText();
        owner.delete("/key", "{\"key\":\"#key#" + id + "\"}");
        owner.put("/setting", "{\"name\":\"s\",\"value\":{\"a\":[1,2]}}");
        owner.put("/configuration", "{\"name\":\"c\",\"value\":\"v\"}");
        owner.put("/configuration", "{\"name\":\"c2\",\"value\":1}");
        owner.delete("/configuration", "{\"name\":\"c2\"}");
        // a webhook: its record keeps the sealed pin (as the event has it), which replays byte for byte
        owner.post("/account/hook", "{\"config\":{},\"value\":\"" + UUID.randomUUID() + "\"}");
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
            var items = snapshot(owner.tenant);
            assertThat(items.keySet()).contains("#asset#replay-accounts.example#10.2.0.1", "#key#" + id,
                    "#setting#s", "#configuration#c", "#account#" + owner.tenant + "#" + member + "#" + member);
            assertThat(items.keySet()).doesNotContain("#configuration#c2",
                    "#account#" + owner.tenant + "#gone-" + member + "#gone-" + member);
            assertThat(items.get("#key#" + id)).contains("deleter");
            assertThat(items.get("#account#" + owner.tenant + "#" + member + "#" + member)).contains("analyst");
            assertThat(items.get("#account#" + owner.tenant + "#hook#********")).contains("_sealed");
        });
        var before = snapshot(owner.tenant);
        var memberBefore = snapshot(member);
        assertThat(memberBefore).hasSize(1);

        ReadModel accounts = readModels.all().stream().filter(m -> m.name().equals("accounts-dynamodb"))
                .findFirst().orElseThrow();
        EventProcessor live = processing.eventProcessor("accounts-dynamodb").orElseThrow();
        live.shutDown();
        try {
            accounts.clear();
            assertThat(snapshot(owner.tenant).keySet()).containsExactly("#asset#replay-accounts.example#10.2.0.1");
            assertThat(snapshot(member)).isEmpty();
            replayer.replay(List.of(accounts));
            assertThat(snapshot(owner.tenant)).isEqualTo(before);
            assertThat(snapshot(member)).isEqualTo(memberBefore);
        } finally {
            live.start();
        }
    }

    private Map<String, String> snapshot(String tenant) {
        Map<String, String> items = new TreeMap<>();
        // Both read models' tables: the same one unless a blue-green rebuild moved assets to their own.
        for (String table : new java.util.LinkedHashSet<>(List.of(liveTable("accounts-dynamodb"),
                liveTable("assets-dynamodb")))) {
            dynamo.queryPaginator(b -> b.tableName(table).keyConditionExpression("username = :t")
                            .expressionAttributeValues(Map.of(":t", AttributeValue.fromS(tenant))))
                    .items().forEach(i -> items.put(i.get("key").s(), new TreeMap<>(i).toString()));
        }
        return items;
    }
}
