package io.chariot.platform;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Driver;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One asset's whole life on the real servers: HTTP → event store → Kafka → DynamoDB, Neo4j and Redis → query API,
 * checked through the API and directly in every store.
 */
class AssetLifecycleIT extends PlatformIntegrationTest {

    @Autowired
    DynamoDbClient dynamo;
    @Autowired
    Driver neo4j;
    @Autowired
    RedissonClient redis;
    @Autowired
    JdbcClient jdbc;

    @Test
    void anAssetAddedOverHttpReachesTheEventStoreKafkaAndAllThreeReadStores() {
        ChariotClient cli = newTenant();
        var added = cli.put("/asset", """
                {"group":"Example.COM","identifier":"1.2.3.4","status":"A","attackSurface":["external"],"type":"asset"}""");
        assertThat(added.status()).isEqualTo(200);
        JsonNode asset = added.json().get(0);
        String key = "#asset#example.com#1.2.3.4";
        assertThat(asset.get("key").asText()).isEqualTo(key);
        assertThat(asset.get("group").asText()).isEqualTo("example.com");
        assertThat(asset.get("identifier").asText()).isEqualTo("1.2.3.4");
        assertThat(asset.get("class").asText()).isEqualTo("ipv4");

        String aggregateId = cli.tenant + key;
        assertThat(jdbc.sql("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = :id")
                .param("id", aggregateId).query(Long.class).single()).isEqualTo(1L);

        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
            var item = dynamo.getItem(b -> b.tableName(liveTable("assets-dynamodb")).key(Map.of(
                    "username", AttributeValue.fromS(cli.tenant), "key", AttributeValue.fromS(key)))).item();
            assertThat(item).containsKey("status");
            assertThat(item.get("status").s()).isEqualTo("A");
            try (var session = neo4j.session()) {
                long nodes = session.run("MATCH (a:" + liveLabel("Asset") + " {username: $t, key: $k}) RETURN count(a) AS n",
                        Map.of("t", cli.tenant, "k", key)).single().get("n").asLong();
                assertThat(nodes).isEqualTo(1);
            }
            Map<String, String> counts = redis.<String, String>getMap(
                    liveCounts("assets-redis", cli.tenant, "asset"), StringCodec.INSTANCE).readAllMap();
            assertThat(counts).containsEntry("status:A", "1").containsEntry("class:ipv4", "1");
        });

        assertThat(cli.my("#asset#example.com").json().get("assets").get(0).get("key").asText()).isEqualTo(key);
        var graph = cli.post("/my", """
                {"node":{"labels":["Asset"],"filters":[{"field":"key","operator":"=","value":"%s","not":false}]},"limit":4096,"page":0}"""
                .formatted(key)).json();
        assertThat(graph.get("assets")).hasSize(1);
        assertThat(cli.get("/my/count?key=%23asset").json().get("status").get("A").asLong()).isEqualTo(1);
    }

    @Test
    void eventsReachKafkaKeyedByAggregateIdentifierSoOrderPerAggregateHolds() {
        ChariotClient cli = newTenant();
        cli.put("/asset", "{\"group\":\"kafka.example\",\"identifier\":\"kafka.example\",\"status\":\"A\"}");
        cli.put("/asset", "{\"key\":\"#asset#kafka.example#kafka.example\",\"status\":\"F\"}");
        String aggregateId = cli.tenant + "#asset#kafka.example#kafka.example";
        var props = new java.util.Properties();
        props.put("bootstrap.servers", endpoints().kafkaBootstrap());
        props.put("key.deserializer", org.apache.kafka.common.serialization.StringDeserializer.class.getName());
        props.put("value.deserializer", org.apache.kafka.common.serialization.ByteArrayDeserializer.class.getName());
        try (var consumer = new org.apache.kafka.clients.consumer.KafkaConsumer<String, byte[]>(props)) {
            var partitions = consumer.partitionsFor("chariot.events").stream()
                    .map(p -> new org.apache.kafka.common.TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            var seen = new java.util.ArrayList<org.apache.kafka.clients.consumer.ConsumerRecord<String, byte[]>>();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                consumer.poll(Duration.ofMillis(500)).forEach(r -> {
                    if (aggregateId.equals(r.key())) {
                        seen.add(r);
                    }
                });
                assertThat(seen).hasSize(2);
            });
            // Same key, same partition, in sequence order.
            assertThat(seen.get(0).partition()).isEqualTo(seen.get(1).partition());
            assertThat(seen.get(0).offset()).isLessThan(seen.get(1).offset());
            assertThat(new String(seen.get(1).headers().lastHeader("axon-message-type").value()))
                    .contains("AssetStatusChanged");
        }
    }

    @Test
    void statusChangesAndSoftDeletionKeepHistoryInEveryStore() {
        ChariotClient cli = newTenant();
        cli.put("/asset", """
                {"group":"example.org","identifier":"www.example.org","status":"A","attackSurface":[""],"type":"asset"}""");
        String key = "#asset#example.org#www.example.org";
        assertThat(cli.put("/asset", """
                {"key":"%s","status":"F"}""".formatted(key)).status()).isEqualTo(200);
        var deleted = cli.delete("/asset", """
                {"key":"%s"}""".formatted(key));
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.json().get(0).get("status").asText()).isEqualTo("D");

        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
            JsonNode stored = cli.my(key).json().get("assets").get(0);
            assertThat(stored.get("status").asText()).isEqualTo("D");
            assertThat(stored.get("history")).hasSize(2);
            assertThat(stored.get("history").get(1).get("from").asText()).isEqualTo("F");
            assertThat(stored.get("history").get(1).get("to").asText()).isEqualTo("D");
            JsonNode node = cli.post("/my", """
                    {"node":{"labels":["Asset"],"filters":[{"field":"key","operator":"=","value":"%s"}]}}"""
                    .formatted(key)).json().get("assets").get(0);
            assertThat(node.get("status").asText()).isEqualTo("D");
            assertThat(node.get("history")).hasSize(2);
            JsonNode counts = cli.get("/my/count?key=%23asset").json();
            assertThat(counts.get("status").get("D").asLong()).isEqualTo(1);
            assertThat(counts.get("status").has("A")).isFalse();
        });
    }

    @Test
    void anAttributeBecomesAnItemANodeWithAnEdgeAndACount() {
        ChariotClient cli = newTenant();
        cli.put("/asset", """
                {"group":"example.net","identifier":"example.net","status":"A","attackSurface":[""],"type":"asset"}""");
        String parent = "#asset#example.net#example.net";
        var added = cli.put("/attribute", """
                {"key":"%s","name":"https","value":"443"}""".formatted(parent));
        assertThat(added.status()).isEqualTo(200);
        String key = "#attribute#https#443" + parent;
        assertThat(added.json().get("attributes").get(0).get("key").asText()).isEqualTo(key);

        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
            assertThat(cli.my("#attribute#https").json().get("attributes").get(0).get("source").asText())
                    .isEqualTo(parent);
            try (var session = neo4j.session()) {
                long edges = session.run("MATCH (:" + liveLabel("Asset") + " {username: $t, key: $p})-[:HAS_ATTRIBUTE]->(:"
                                + liveLabel("Attribute") + " {key: $k}) RETURN count(*) AS n",
                        Map.of("t", cli.tenant, "p", parent, "k", key)).single().get("n").asLong();
                assertThat(edges).isEqualTo(1);
            }
            assertThat(cli.get("/my/count?key=%23attribute").json().get("attributes").get("https").asLong())
                    .isEqualTo(1);
        });

        assertThat(cli.delete("/attribute", """
                {"key":"%s"}""".formatted(key)).status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() ->
                assertThat(cli.my("#attribute#https").json().has("attributes")).isFalse());
    }
}
