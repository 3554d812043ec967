package io.chariot.platform;

import com.fasterxml.jackson.databind.JsonNode;
import io.chariot.projections.neo4j.GraphReadModel;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Driver;
import org.redisson.api.RedissonClient;
import org.springframework.beans.factory.annotation.Autowired;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToIntFunction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Blue-green rebuilds of each store, with writes arriving and queries running throughout; verify against a
 * deliberately corrupted read model; a rebuild aborted midway that resumes from its checkpoint.
 */
class BlueGreenRebuildIT extends PlatformIntegrationTest {

    private static final int BEFORE = 12;
    private static final int DURING = 12;

    @Autowired
    DynamoDbClient dynamo;
    @Autowired
    Driver neo4j;
    @Autowired
    RedissonClient redis;

    @Test
    void aBlueGreenRebuildOfTheDynamoDbModelSwitchesWhileKeyQueriesNeverFailNorSeeAHalfBuiltModel() throws Exception {
        blueGreen("assets-dynamodb", (cli, dns) -> {
            var r = cli.my("#asset#" + dns);
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            return countAll(cli, dns);
        });
    }

    @Test
    void aBlueGreenRebuildOfTheGraphSwitchesBothGraphModelsWhileGraphQueriesKeepAnswering() throws Exception {
        // Given a live graph that matches the event store: two processors write it, and what earlier tests left may
        // have diverged (verify would then, rightly, refuse the switch).
        rebuildAndWait(clientFor(OPERATOR), "assets-neo4j", "");
        blueGreen("assets-neo4j", (cli, dns) -> {
            var r = cli.post("/my", "{\"node\":{\"labels\":[\"Asset\"],\"filters\":[{\"field\":\"dns\","
                    + "\"operator\":\"=\",\"value\":\"" + dns + "\"}]},\"limit\":1000,\"page\":0}");
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            return r.json().path("assets").size();
        });
        ChariotClient ops = clientFor(OPERATOR);
        int graph = ops.get("/admin/projections/assets-neo4j").json().get("generation").asInt();
        for (String model : GraphReadModel.GRAPH) {
            assertThat(ops.get("/admin/projections/" + model).json().get("generation").asInt()).as(model)
                    .isEqualTo(graph);
        }
        // and what the other graph models write after the switch is in the generation queries read
        ChariotClient cli = newTenant();
        assertThat(cli.post("/preseed", "{\"type\":\"whois\",\"title\":\"registrant\",\"value\":\"bg\","
                + "\"status\":\"A\"}").status()).isBetween(200, 299);
        var preseeds = cli.post("/my", "{\"node\":{\"labels\":[\"Preseed\"]},\"limit\":10,\"page\":0}");
        assertThat(preseeds.json().path("preseeds")).as(preseeds.body()).hasSize(1);
    }

    @Test
    void aBlueGreenRebuildOfTheRedisCountsSwitchesWhileCountsKeepAnswering() throws Exception {
        blueGreen("assets-redis", (cli, dns) -> {
            var r = cli.get("/my/count?key=%23asset");
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            return r.json().path("status").path("A").asInt();
        });
    }

    @Test
    void verifyFindsADeliberatelyCorruptedReadModelInEachStoreAndAnInPlaceRebuildRepairsIt() {
        ChariotClient cli = newTenant();
        String dns = "corrupt-" + System.nanoTime() + ".example";
        for (int i = 0; i < 3; i++) {
            cli.put("/asset", asset(dns, i));
        }
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().untilAsserted(() -> {
            assertThat(countAll(cli, dns)).isEqualTo(3);
            assertThat(cli.get("/my/count?key=%23asset").json().path("status").path("A").asInt()).isEqualTo(3);
        });
        ChariotClient ops = clientFor(OPERATOR);
        String key = "#asset#" + dns + "#10.9.0.0";
        // Corrupt each live generation where it lives now (an earlier blue-green test may have moved it).
        int table = ops.get("/admin/projections/assets-dynamodb").json().get("generation").asInt();
        int graph = ops.get("/admin/projections/assets-neo4j").json().get("generation").asInt();
        int counts = ops.get("/admin/projections/assets-redis").json().get("generation").asInt();

        dynamo.updateItem(b -> b.tableName(table == 0 ? "chariot" : "chariot.assets-dynamodb.g" + table)
                .key(Map.of("username", AttributeValue.fromS(cli.tenant), "key", AttributeValue.fromS(key)))
                .updateExpression("SET #c = :c").expressionAttributeNames(Map.of("#c", "comment"))
                .expressionAttributeValues(Map.of(":c", AttributeValue.fromS("tampered"))));
        try (var session = neo4j.session()) {
            var changed = session.run("MATCH (a:Asset" + (graph == 0 ? "" : "_g" + graph) + " {uid: $uid}) "
                    + "SET a.status = 'F' RETURN count(a) AS n", Map.of("uid", cli.tenant + key)).single();
            assertThat(changed.get("n").asInt()).isEqualTo(1);
        }
        redis.getMap((counts == 0 ? "chariot:" : "chariot:g" + counts + ":") + "counts:{" + cli.tenant + "}:asset")
                .addAndGet("status:A", 5);

        for (String projection : List.of("assets-dynamodb", "assets-neo4j", "assets-redis")) {
            var verified = ops.postSlow("/admin/projections/" + projection + "/verify", "");
            assertThat(verified.status()).as(verified.body()).isEqualTo(200);
            JsonNode result = verified.json();
            assertThat(result.get("matches").asBoolean()).as(projection + ": " + verified.body()).isFalse();
            assertThat(result.findValuesAsText("tenant")).as(projection).contains(cli.tenant);
        }

        for (String projection : List.of("assets-dynamodb", "assets-neo4j", "assets-redis")) {
            rebuildAndWait(ops, projection, "");
            var verified = ops.postSlow("/admin/projections/" + projection + "/verify", "");
            assertThat(verified.json().findValuesAsText("tenant")).as(projection + ": " + verified.body())
                    .doesNotContain(cli.tenant);
        }
        assertThat(cli.get("/my/count?key=%23asset").json().path("status").path("A").asInt()).isEqualTo(3);
    }

    @Test
    void aRebuildAbortedMidwayResumesFromItsCheckpointAndEndsWithTheSameModel() {
        ChariotClient cli = newTenant();
        String dns = "resume-" + System.nanoTime() + ".example";
        for (int i = 0; i < 250; i++) {
            cli.put("/asset", "{\"group\":\"" + dns + "\",\"identifier\":\"10.8." + (i / 200) + "." + (i % 200)
                    + "\",\"status\":\"A\"}");
        }
        ChariotClient ops = clientFor(OPERATOR);
        // Slow on purpose so the abort lands midway; checkpoints come every 50 events in the tests.
        var started = ops.post("/admin/projections/assets-redis/rebuild?maxRate=100", "");
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(
                ops.get("/admin/projections/assets-redis").json().get("rebuild").get("eventsDone").asLong())
                .isGreaterThanOrEqualTo(120));
        var aborted = ops.post("/admin/projections/assets-redis/rebuild/abort", "");
        assertThat(aborted.status()).as(aborted.body()).isEqualTo(200);
        JsonNode afterAbort = ops.get("/admin/projections/assets-redis").json();
        assertThat(afterAbort.get("rebuild").get("state").asText()).isEqualTo("aborted");
        long doneBeforeAbort = afterAbort.get("rebuild").get("eventsDone").asLong();

        var plan = ops.post("/admin/projections/assets-redis/rebuild?dryRun=true", "");
        assertThat(plan.json().get("steps").toString()).contains("resume the unfinished in-place rebuild");
        var resumed = ops.post("/admin/projections/assets-redis/rebuild", "");
        assertThat(resumed.status()).as(resumed.body()).isEqualTo(202);
        JsonNode rebuild = awaitDone(ops, "assets-redis");
        assertThat(rebuild.get("resumedAt").asLong()).isPositive().isLessThanOrEqualTo(doneBeforeAbort);

        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().untilAsserted(() -> assertThat(
                cli.get("/my/count?key=%23asset").json().path("status").path("A").asInt()).isEqualTo(250));
        var verified = ops.postSlow("/admin/projections/assets-redis/verify", "");
        assertThat(verified.json().findValuesAsText("tenant")).as(verified.body()).doesNotContain(cli.tenant);
    }

    @Test
    void contradictoryRebuildRequestsAreBadRequestsAndStartNothing() {
        ChariotClient ops = clientFor(OPERATOR);
        for (String query : List.of("blueGreen=true&from=3", "from=1&since=2026-01-01T00:00:00Z", "segments=0",
                "since=yesterday", "segments=99", "maxRate=-1")) {
            var r = ops.post("/admin/projections/assets-redis/rebuild?" + query, "");
            assertThat(r.status()).as(query + ": " + r.body()).isEqualTo(400);
            assertThat(r.contentType()).startsWith("application/problem+json");
        }
        var abort = ops.post("/admin/projections/assets-redis/rebuild/abort", "");
        assertThat(abort.status()).isEqualTo(409);
    }

    // ---------------------------------------------------------------------------------------------------------

    private void blueGreen(String projection, java.util.function.BiFunction<ChariotClient, String, Integer> query)
            throws Exception {
        ChariotClient cli = newTenant();
        String dns = "bg-" + System.nanoTime() + ".example";
        for (int i = 0; i < BEFORE; i++) {
            cli.put("/asset", asset(dns, i));
        }
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
                .untilAsserted(() -> assertThat(query.apply(cli, dns)).isEqualTo(BEFORE));
        ChariotClient ops = clientFor(OPERATOR);
        int generationBefore = ops.get("/admin/projections/" + projection).json().get("generation").asInt();

        AtomicBoolean stop = new AtomicBoolean();
        List<String> failures = new CopyOnWriteArrayList<>();
        AtomicInteger queries = new AtomicInteger();
        Thread reader = new Thread(() -> {
            while (!stop.get()) {
                try {
                    int seen = query.apply(cli, dns);
                    queries.incrementAndGet();
                    if (seen < BEFORE) {
                        failures.add("saw " + seen + " of the " + BEFORE + " assets written before the rebuild");
                    }
                } catch (Throwable e) {
                    failures.add(String.valueOf(e.getMessage()));
                }
            }
        });
        Thread writer = new Thread(() -> {
            for (int i = BEFORE; i < BEFORE + DURING; i++) {
                cli.put("/asset", asset(dns, i));
            }
        });
        reader.start();
        writer.start();
        var started = ops.post("/admin/projections/" + projection + "/rebuild?blueGreen=true&segments=2", "");
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        JsonNode rebuild = awaitDone(ops, projection);
        writer.join(60_000);
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
                .untilAsserted(() -> assertThat(query.apply(cli, dns)).isEqualTo(BEFORE + DURING));
        stop.set(true);
        reader.join(30_000);

        assertThat(failures).as("queries during the blue-green rebuild").isEmpty();
        assertThat(queries.get()).isPositive();
        assertThat(rebuild.get("mode").asText()).isEqualTo("blue-green");
        assertThat(rebuild.get("differences")).isEmpty();
        JsonNode after = ops.get("/admin/projections/" + projection).json();
        assertThat(after.get("generation").asInt()).isGreaterThan(generationBefore)
                .isEqualTo(rebuild.get("generation").asInt());
        assertThat(after.get("state").asText()).isIn("live", "replaying");
    }

    private void rebuildAndWait(ChariotClient ops, String projection, String query) {
        var started = ops.post("/admin/projections/" + projection + "/rebuild?" + query, "");
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        awaitDone(ops, projection);
    }

    private static JsonNode awaitDone(ChariotClient ops, String projection) {
        JsonNode[] last = new JsonNode[1];
        await().atMost(Duration.ofMinutes(4)).ignoreExceptions().until(() -> {
            last[0] = ops.get("/admin/projections/" + projection).json().get("rebuild");
            return !"running".equals(last[0].get("state").asText());
        });
        assertThat(last[0].get("state").asText()).as(String.valueOf(last[0])).isEqualTo("done");
        return last[0];
    }

    private static int countAll(ChariotClient cli, String dns) {
        java.util.Set<String> keys = new java.util.TreeSet<>();
        String offset = null;
        int pages = 0;
        do {
            pages++;
            var r = cli.get("/my?key=%23asset%23" + dns + (offset == null ? "" : "&offset=" + offset));
            if (r.status() != 200) {
                throw new AssertionError(r.toString());
            }
            JsonNode page = r.json();
            page.path("assets").forEach(a -> keys.add(a.get("key").asText()));
            offset = page.has("offset") ? page.get("offset").asText() : null;
        } while (offset != null && pages < 100);
        return keys.size();
    }

    private static String asset(String dns, int i) {
        return "{\"group\":\"" + dns + "\",\"identifier\":\"10.9.0." + i + "\",\"status\":\"A\"}";
    }
}
