package io.chariot.faults;

import io.chariot.infra.local.StackProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Faults under write load against the platform and its servers as real processes ({@link FaultStack}): kill -9 of
 * the platform JVM, PostgreSQL and Redis, then stalls (SIGSTOP, hold, SIGCONT) of each store: 15 s by default,
 * {@code -Dchariot.faults.stall=30s} for the figures in BENCHMARKS.md; {@code -Dchariot.faults.writes-per-second}
 * (10). The kill of the stack's JVM is {@link ChariotUpRecoveryIT}'s: there it takes the whole of ./chariot up.
 * Every case prints what it measured ({@code FAULTS | …}). Nothing acknowledged may be lost: every acknowledged write
 * is in the event store, and every read store ends up holding exactly what the event store holds.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultInjectionIT {

    /** 15 s in the build (longer than the read time-out and the visibility wait); BENCHMARKS.md uses 30 s. */
    private static final Duration STALL = Duration.parse("PT" + System.getProperty("chariot.faults.stall", "15s"));
    private static final Duration CONVERGE = Duration.ofMinutes(3);
    private static final double WRITES_PER_SECOND = Double.parseDouble(
            System.getProperty("chariot.faults.writes-per-second", "10"));

    private static FaultStack stack;
    private static ChariotApi api;

    @BeforeAll
    static void startThePlatformAndItsServersAsProcesses() throws Exception {
        stack = FaultStack.start("faults");
        api = stack.api();
        // Stored is what the probe needs; on a cold, loaded machine the first write may outwait read-your-writes'
        // bound (a first MERGE into a cold Neo4j) and answer 503 stored-not-yet-visible, which is still stored.
        var probe = api.putAsset("probe.faults.test", "probe", false);
        assertThat(probe.acknowledged()).as("the probe write answered %s", probe.status()).isTrue();
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Order(1)
    @ParameterizedTest(name = "kill -9 of {0} under write load loses no acknowledged write")
    @ValueSource(strings = {"the platform JVM", "PostgreSQL", "Redis"})
    void killNineUnderWriteLoadLosesNothing(String victim) throws Exception {
        String name = victim.replace("the ", "").replace(" ", "-").toLowerCase();
        try (WriteLoad load = new WriteLoad(api, "kill-" + name + ".faults.test", 4, WRITES_PER_SECOND).start()) {
            await().atMost(Duration.ofMinutes(1)).until(() -> load.acknowledgedCount() >= 40);
            int beforeKill = load.acknowledgedCount();
            long killedAt = System.nanoTime();
            switch (victim) {
                case "the platform JVM" -> {
                    Os.kill9(stack.platform());
                    stack.startPlatform();
                }
                case "PostgreSQL" -> awaitRestarted("postgres", stack.postmaster());
                case "Redis" -> awaitRestarted("redis", stack.redisServer()); // from its append-only file
                default -> throw new IllegalArgumentException(victim);
            }
            long restartedAt = System.nanoTime();
            // Writes are acknowledged again after the restart.
            await().atMost(Duration.ofMinutes(2)).until(() -> load.acknowledgedCount() >= beforeKill + 40);
            load.close();
            long stoppedAt = System.nanoTime();

            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("restart", Figures.seconds(restartedAt - killedAt));
            Convergence.check(stack, api, load, stoppedAt, CONVERGE, "kill -9 " + victim, figures);
            Figures.print("kill -9 " + victim, figures);
            // A write the platform could not store is a 503 with Retry-After (or no answer at all), never a 500.
            assertThat(load.outcomes()).as("answers to the writes").doesNotContainKey("500");
        }
    }

    /** Kills a server the stack supervises, and waits until the stack has it answering again on the same port. */
    private static void awaitRestarted(String server, ProcessHandle process) {
        Os.kill9(process);
        await(server + " started again by the stack").atMost(Duration.ofMinutes(1)).ignoreExceptions().until(() -> {
            ProcessHandle now = stack.storeProcess(server);
            StackProbe.probe(server, server.equals("postgres") ? stack.endpoints().postgresJdbcUrl()
                    : stack.endpoints().redisUrl(), Duration.ofSeconds(2));
            return now.pid() != process.pid() && now.isAlive();
        });
    }

    @Order(2)
    @ParameterizedTest(name = "{0} stalled under load: reads of it fail fast with 503, the API keeps answering, "
            + "everything written converges")
    @ValueSource(strings = {"dynamodb", "neo4j", "redis", "kafka"})
    void aStalledStoreFailsFastAndConverges(String store) throws Exception {
        String group = "stall-" + store + ".faults.test";
        try (WriteLoad load = new WriteLoad(api, group, 4, WRITES_PER_SECOND).start();
             ReadProbe reads = new ReadProbe(api, "probe.faults.test")) {
            await().atMost(Duration.ofMinutes(1)).until(() -> load.acknowledgedCount() >= 20);
            ProcessHandle process = stack.storeProcess(store);
            int ackedBefore = load.acknowledgedCount();

            long stoppedAt = System.nanoTime();
            Os.signal(process.pid(), "STOP");
            ChariotApi.Answer readinessDuring;
            ChariotApi.Answer livenessDuring;
            try {
                // Readiness names the stalled store within its bounded check; liveness stays UP (no restart).
                readinessDuring = readinessUntilDown(store, STALL);
                livenessDuring = api.get("/actuator/health/liveness");
                Os.hold(STALL.minusNanos(System.nanoTime() - stoppedAt));
            } finally {
                Os.signal(process.pid(), "CONT");
            }
            long resumedAt = System.nanoTime();
            int ackedDuring = load.acknowledgedCount() - ackedBefore;
            // A little more load after the stall, as real clients would go on.
            await().atMost(Duration.ofMinutes(1)).until(() -> load.acknowledgedCount() >= ackedBefore + ackedDuring + 20);
            load.close();
            // Reads that started during the stall, by store: let them all finish.
            reads.close();

            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("stall", Figures.seconds(resumedAt - stoppedAt));
            figures.put("acknowledgedDuringStall", ackedDuring);
            Map<String, List<ChariotApi.Answer>> during = new LinkedHashMap<>();
            for (String readStore : List.of("dynamodb", "neo4j", "redis")) {
                during.put(readStore, reads.of(readStore, stoppedAt, resumedAt));
                figures.put("reads." + readStore, ReadProbe.statuses(during.get(readStore)).toString().replace(" ", ""));
                figures.put("slowest." + readStore, during.get(readStore).stream()
                        .mapToLong(ChariotApi.Answer::millis).max().orElse(0) + "ms");
            }
            String scenario = "stall " + store + " " + STALL.toSeconds() + "s";
            Convergence.check(stack, api, load, resumedAt, CONVERGE, scenario, figures);
            Figures.print(scenario, figures);

            assertThat(readinessDuring.status()).as("readiness while %s is stalled: %s", store, readinessDuring.body())
                    .isEqualTo(503);
            assertThat(readinessDuring.json().at("/components/" + store + "/status").asText()).isEqualTo("DOWN");
            assertThat(livenessDuring.status()).as("liveness while %s is stalled", store).isEqualTo(200);
            await().atMost(CONVERGE).untilAsserted(() ->
                    assertThat(api.get("/actuator/health/readiness").status()).isEqualTo(200));
            during.forEach((readStore, answers) -> {
                assertThat(answers).as("reads of %s during the stall of %s", readStore, store).isNotEmpty()
                        .noneMatch(ChariotApi.Answer::hung)
                        .allMatch(a -> a.status() == 200 || a.wellFormedUnavailable(),
                                "200, or 503 problem+json with Retry-After");
                if (readStore.equals(store)) {
                    assertThat(answers).as("a stalled %s fails its reads fast", store)
                            .anyMatch(ChariotApi.Answer::wellFormedUnavailable);
                } else {
                    assertThat(answers).as("%s keeps answering while %s is stalled", readStore, store)
                            .anyMatch(a -> a.status() == 200);
                }
            });
        }
    }

    /** Readiness once it reports {@code store} DOWN (the store is SIGCONTed in a finally if it never does). */
    private static ChariotApi.Answer readinessUntilDown(String store, Duration within) {
        return await().atMost(within).until(() -> api.get("/actuator/health/readiness"), answer ->
                answer.status() == 503
                        && answer.json().at("/components/" + store + "/status").asText().equals("DOWN"));
    }

    @Order(3)
    @Test
    void afterEveryFaultEachAssetReadModelMatchesARebuildFromTheEventStore() {
        for (String projection : List.of("assets-dynamodb", "assets-neo4j", "assets-redis")) {
            long t0 = System.nanoTime();
            ChariotApi.Answer verify = api.postSlow("/admin/projections/" + projection + "/verify");
            Figures.print("verify " + projection, Map.of("matches", verify.json().path("matches").asText(),
                    "events", verify.json().path("eventsReplayed").asText(), "took", Figures.seconds(System.nanoTime() - t0)));
            assertThat(verify.status()).as(verify.body()).isEqualTo(200);
            assertThat(verify.json().path("matches").asBoolean()).as(verify.body()).isTrue();
        }
    }
}
