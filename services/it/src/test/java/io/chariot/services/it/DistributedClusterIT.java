package io.chariot.services.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chariot.compat.PraetorianCliSuite;
import io.chariot.infra.local.StackEndpoints;
import io.chariot.infra.local.junit.WithLocalStack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The distributed topology as a user meets it: {@code ./chariot up --distributed}'s cluster — every service its own
 * process, two instances of assets and of projections, commands routed between them, one edge — on one stack.
 * praetorian-cli's own suite passes through the edge; a job result's saga applies its steps in three other services
 * and, when one is rejected, undoes them across services; and losing an asset and a projections instance to
 * {@code kill -9} under write load loses nothing: every stored write is in every read store, counted once, and each
 * asset read model verifies against a rebuild from the event store.
 */
@WithLocalStack
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DistributedClusterIT {

    /** The suite deletes what it creates only as a {@code @praetorian.com} user; the bootstrap tenant is operator. */
    private static final String OPERATOR = "cluster-ops@praetorian.com";
    private static final String KEY_ID = "cluster-it-key";
    private static final String KEY_SECRET = "cluster-it-secret-" + UUID.randomUUID();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(90);

    private static LocalCluster cluster;
    private static Http edge;
    private static String token;

    @BeforeAll
    static void cluster(StackEndpoints stack) throws Exception {
        cluster = LocalCluster.start(stack, Map.of(
                "CHARIOT_JWT_SECRET", Deployment.JWT_SECRET,
                "CHARIOT_BOOTSTRAP_TENANT", OPERATOR,
                "CHARIOT_BOOTSTRAP_API_KEY_ID", KEY_ID,
                "CHARIOT_BOOTSTRAP_API_KEY_SECRET", KEY_SECRET), "asset=2,projections=2", Duration.ofMinutes(10));
        edge = cluster.edge();
        var answer = edge.get("/token", Map.of("X-GUARD-API-KEY-ID", KEY_ID, "X-GUARD-API-KEY-SECRET", KEY_SECRET));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        token = json(answer).path("token").asText();
    }

    @AfterAll
    static void stop() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    private static Map<String, String> bearer() {
        return Map.of("Authorization", "Bearer " + token);
    }

    private static JsonNode json(HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body());
    }

    private static JsonNode ok(HttpResponse<String> response) throws IOException {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    @Test
    @Order(1)
    void theClientsOwnSuitePassesThroughTheEdge() throws Exception {
        // the client's help texts are the client's own, the same whatever serves the API: the embedded run checks them
        PraetorianCliSuite.requireRunnable(LocalCluster.projectRoot(), "DistributedClusterIT").withoutApiFreeTests()
                .runAgainst(cluster.port(), new PraetorianCliSuite.Account(OPERATOR, KEY_ID, KEY_SECRET),
                        Path.of("target", "praetorian-cli-suite").toAbsolutePath());
    }

    @Test
    @Order(2)
    void aJobResultsSagaAppliesItsStepsInThreeServicesAndUndoesThemAcrossServicesWhenOneIsRejected()
            throws Exception {
        String group = "saga-" + UUID.randomUUID().toString().substring(0, 8) + ".example";
        String target = "#asset#" + group + "#10.1.0.1";
        String gone = "#asset#" + group + "#gone." + group;
        String job = "#job#" + group + "#10.1.0.1#portscan";
        ok(edge.put("/asset", "{\"group\":\"" + group + "\",\"identifier\":\"10.1.0.1\",\"status\":\"A\"}", bearer()));
        ok(edge.put("/asset", "{\"group\":\"" + group + "\",\"identifier\":\"gone." + group + "\",\"status\":\"A\"}",
                bearer()));
        ok(edge.delete("/asset", "{\"key\":\"" + gone + "\"}", bearer()));
        ok(edge.post("/job", "{\"key\":\"" + target + "\",\"capabilities\":[\"portscan\"],\"config\":{\"retries\":1}}",
                bearer()));
        ok(edge.post("/job/claim", "{\"key\":\"" + job + "\",\"worker\":\"cluster-it\"}", bearer()));

        // the sagas service applies a passed run's items where they belong: an asset (asset service, two
        // instances), a risk on it (risk service) and a child job (job service)
        String found = "#asset#" + group + "#found." + group;
        ok(edge.post("/job/result", "{\"key\":\"" + job + "\",\"status\":\"JP\",\"items\":["
                + "{\"type\":\"asset\",\"model\":{\"dns\":\"" + group + "\",\"name\":\"found." + group + "\"}},"
                + "{\"type\":\"risk\",\"model\":{\"name\":\"open-telnet\",\"status\":\"TH\",\"target\":\"" + found
                + "\"}},"
                + "{\"type\":\"job\",\"model\":{\"target\":\"" + found + "\",\"capability\":\"nuclei\"}}]}", bearer()));
        await("the result applied in three services").atMost(WAIT).ignoreExceptions().untilAsserted(() -> {
            JsonNode saga = saga(job, "COMPLETED");
            assertThat(texts(saga.path("steps"))).as(saga.toString()).hasSize(3);
            assertThat(ok(edge.get("/my?key=" + encode(found), bearer())).path("assets")).as("the asset " + found)
                    .hasSize(1);
            JsonNode risks = ok(edge.get("/my?key=" + encode("#risk#" + group + "#open-telnet"), bearer()));
            assertThat(risks.path("risks").path(0).path("status").asText()).as(risks.toString()).isEqualTo("TH");
            JsonNode jobs = ok(edge.get("/my?key=" + encode("#job#" + group + "#found." + group + "#nuclei"), bearer()));
            assertThat(jobs.path("jobs").path(0).path("status").asText()).as(jobs.toString()).startsWith("JQ#");
        });

        // the job's next run: a new asset and an attribute on it apply, an attribute on the deleted asset is
        // rejected by the asset service — the sagas service undoes both there and fails the run in the job service
        ok(edge.post("/job", "{\"key\":\"" + target + "\",\"capabilities\":[\"portscan\"],\"config\":{\"retries\":1}}",
                bearer()));
        ok(edge.post("/job/claim", "{\"key\":\"" + job + "\",\"worker\":\"cluster-it\"}", bearer()));
        String undone = "#asset#" + group + "#undone." + group;
        String attribute = "#attribute#http_title#Welcome" + undone;
        ok(edge.post("/job/result", "{\"key\":\"" + job + "\",\"status\":\"JP\",\"items\":["
                + "{\"type\":\"asset\",\"model\":{\"dns\":\"" + group + "\",\"name\":\"undone." + group + "\"}},"
                + "{\"type\":\"attribute\",\"model\":{\"name\":\"http_title\",\"value\":\"Welcome\",\"source\":\""
                + undone + "\"}},"
                + "{\"type\":\"attribute\",\"model\":{\"name\":\"http_title\",\"value\":\"Gone\",\"source\":\"" + gone
                + "\"}}]}", bearer()));
        await("the rejected result undone across services").atMost(WAIT).ignoreExceptions().untilAsserted(() -> {
            JsonNode saga = saga(job, "COMPENSATED");
            assertThat(saga.path("reason").asText()).startsWith("result not applied: attribute http_title on " + gone);
            assertThat(texts(saga.path("compensations"))).containsExactly("attribute " + attribute,
                    "asset " + undone);
            assertThat(ok(edge.get("/my?key=" + encode(undone), bearer())).path("assets").get(0).path("status")
                    .asText()).isEqualTo("D");
            assertThat(ok(edge.get("/my?key=" + encode("#attribute#http_title#Welcome" + undone), bearer()))
                    .path("attributes")).isEmpty();
            // the run failed with the reason and, with its retry left, the job is queued again
            assertThat(ok(edge.get("/my?key=" + encode(job), bearer())).path("jobs").get(0).path("status").asText())
                    .startsWith("JQ#");
        });
    }

    private static JsonNode saga(String subject, String state) throws IOException {
        for (JsonNode saga : ok(edge.get("/admin/sagas?type=job-result&tenant=" + encode(OPERATOR), bearer()))
                .path("sagas")) {
            if (saga.path("subject").asText().equals(subject) && saga.path("state").asText().equals(state)) {
                return saga;
            }
        }
        throw new AssertionError("no " + state + " job-result saga of " + subject + " yet");
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }

    private record Write(String key, int status, boolean stored, long at) {
    }

    @Test
    @Order(3)
    void losingAnAssetAndAProjectionsInstanceUnderWriteLoadLosesNothing() throws Exception {
        List<LocalCluster.Instance> assets = cluster.instances("asset");
        List<LocalCluster.Instance> projections = cluster.instances("projections");
        assertThat(assets).as("asset instances").hasSize(2);
        assertThat(projections).as("projections instances").hasSize(2);
        String group = "failover-" + UUID.randomUUID().toString().substring(0, 8) + ".example";

        // three writers, each at most five writes a second (a write waits until it is visible): a load the survivors
        // can carry alone, so what is measured is the take-over, not a saturated machine's backlog
        ConcurrentLinkedQueue<Write> writes = new ConcurrentLinkedQueue<>();
        int writers = 3;
        ScheduledExecutorService pool = Executors.newScheduledThreadPool(writers);
        for (int w = 0; w < writers; w++) {
            int writer = w;
            AtomicInteger next = new AtomicInteger();
            pool.scheduleAtFixedRate(() -> {
                int i = next.getAndIncrement();
                String identifier = "10." + writer + "." + (i / 250) + "." + (i % 250);
                String key = "#asset#" + group + "#" + identifier;
                try {
                    var answer = edge.put("/asset", "{\"group\":\"" + group + "\",\"identifier\":\"" + identifier
                            + "\",\"status\":\"A\"}", bearer());
                    // a 503 that says stored: written, not yet visible (the read side took over meanwhile)
                    boolean stored = answer.statusCode() == 200 || answer.body().contains("\"stored\":true");
                    writes.add(new Write(key, answer.statusCode(), stored, System.nanoTime()));
                } catch (IOException | RuntimeException e) { // a failed write is counted, never ends the writer
                    writes.add(new Write(key, 0, false, System.nanoTime()));
                }
            }, 0, 200, TimeUnit.MILLISECONDS);
        }
        await("writes flowing").atMost(WAIT).until(() -> writes.stream().filter(w -> w.status() == 200).count() >= 30);

        long killed = System.nanoTime();
        assets.get(0).process().destroyForcibly();
        projections.get(0).process().destroyForcibly();
        LocalCluster.Instance survivor = projections.get(1);

        // the survivors take over: the writes go on, answered 200 again once the asset service's routing and the
        // projections service's segments have moved (a 200 means visible: read-your-writes) — here, ten seconds
        // of nothing but 200s
        await("ten seconds of writes acknowledged after the last other answer").atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofMillis(500)).until(() -> {
                    long last = lastOtherThan200(writes, killed);
                    return System.nanoTime() - last > TimeUnit.SECONDS.toNanos(10)
                           && writes.stream().filter(w -> w.at() > last).count() >= 10;
                });
        pool.shutdown();
        assertThat(pool.awaitTermination(2, TimeUnit.MINUTES)).isTrue();

        // stored: answered 200, or 503 saying stored; uncertain: no answer or an error while an instance died —
        // such a write may have been stored before its answer was lost, and then it must be in every store too
        Set<String> stored = new HashSet<>();
        Set<String> uncertain = new HashSet<>();
        writes.forEach(w -> (w.stored() ? stored : uncertain).add(w.key()));
        uncertain.removeAll(stored);
        long lastNot200 = lastOtherThan200(writes, killed);
        Map<Integer, Long> statuses = writes.stream().collect(java.util.stream.Collectors.groupingBy(Write::status,
                java.util.TreeMap::new, java.util.stream.Collectors.counting()));
        System.out.printf(Locale.ROOT, "DistributedClusterIT: %d writes, %d stored (%d answered 200), %d uncertain "
                        + "(answered otherwise); answers by status %s (0: none); last answer other than 200 %.1f s after kill -9 "
                        + "of %s:%d and %s:%d%n",
                writes.size(), stored.size(), writes.stream().filter(w -> w.status() == 200).count(),
                uncertain.size(), statuses, (lastNot200 - killed) / 1e9, assets.get(0).service(), assets.get(0).port(),
                projections.get(0).service(), projections.get(0).port());
        // every stored write is in every read store, once: DynamoDB (GET /my), Neo4j (POST /my), Redis (counts);
        // the three hold the same assets, and nothing that was not written
        await("every stored write in every read store").atMost(WAIT).ignoreExceptions().untilAsserted(() -> {
            List<String> table = tableKeys("#asset#" + group + "#");
            assertThat(table).doesNotHaveDuplicates().containsAll(stored);
            Set<String> extra = new HashSet<>(table);
            extra.removeAll(stored);
            assertThat(uncertain).as("assets stored without a 200").containsAll(extra);
            assertThat(graphKeys("#asset#" + group + "#")).containsExactlyInAnyOrderElementsOf(table);
            assertThat(ok(edge.get("/my/count?key=" + encode("#asset#" + group), bearer())).path("status")
                    .path("A").asLong()).isEqualTo(table.size());
        });
        System.out.printf(Locale.ROOT, "DistributedClusterIT: every stored write in every read store %.1f s after "
                + "kill -9%n", (System.nanoTime() - killed) / 1e9);

        // and each asset read model equals one rebuilt from the event store: nothing applied twice, nothing missed
        for (JsonNode model : ok(survivor.http().get("/admin/projections", bearer())).path("projections")) {
            String name = model.path("name").asText();
            if (!name.startsWith("assets")) {
                continue;
            }
            var verified = ok(survivor.http().post("/admin/projections/" + name + "/verify", "", bearer()));
            assertThat(verified.path("matches").asBoolean()).as(name + ": " + verified).isTrue();
        }
    }

    /** When the last write after {@code since} was answered with anything but 200 ({@code since} if none was). */
    private static long lastOtherThan200(ConcurrentLinkedQueue<Write> writes, long since) {
        return writes.stream().filter(w -> w.at() > since && w.status() != 200).mapToLong(Write::at).max()
                .orElse(since);
    }

    /** The keys under a prefix in the DynamoDB read model, every page. */
    private static List<String> tableKeys(String prefix) throws IOException {
        List<String> keys = new ArrayList<>();
        String offset = null;
        do {
            JsonNode page = ok(edge.get("/my?key=" + encode(prefix)
                    + (offset == null ? "" : "&offset=" + encode(offset)), bearer()));
            page.path("assets").forEach(asset -> keys.add(asset.path("key").asText()));
            offset = page.hasNonNull("offset") ? JSON.writeValueAsString(page.get("offset")) : null;
        } while (offset != null);
        return keys;
    }

    /** The keys under a prefix in the Neo4j read model, every page. */
    private static List<String> graphKeys(String prefix) throws IOException {
        List<String> keys = new ArrayList<>();
        int page = 0;
        while (true) {
            JsonNode answer = ok(edge.post("/my", "{\"node\":{\"labels\":[\"Asset\"],\"filters\":[{\"field\":\"key\","
                    + "\"operator\":\"STARTS WITH\",\"value\":\"" + prefix + "\",\"not\":false}]},\"limit\":4096,"
                    + "\"page\":" + page + "}", bearer()));
            answer.path("assets").forEach(asset -> keys.add(asset.path("key").asText()));
            if (!answer.hasNonNull("offset")) {
                return keys;
            }
            page = answer.path("offset").asInt();
        }
    }
}
