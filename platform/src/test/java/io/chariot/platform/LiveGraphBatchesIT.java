package io.chariot.platform;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.chariot.consistency.failure.ParkedMarks;
import io.chariot.projections.neo4j.GraphReadModel;
import io.chariot.projections.neo4j.LiveGraphBatches;
import io.chariot.projections.neo4j.SequencedGraphWriter;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.DefaultInterceptorChain;
import org.axonframework.messaging.MessageHandler;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.RollbackConfigurationType;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Driver;
import org.neo4j.driver.exceptions.ClientException;
import org.neo4j.driver.exceptions.TransientException;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * A graph read model's processor writes a whole batch in one Neo4j transaction ({@link LiveGraphBatches}), on the
 * real Neo4j. A failed statement ends a Neo4j transaction; these tests prove that, one statement at a time, the
 * batch's other events still commit — one event parked or retried behaves as if every event had its own
 * transaction — and that nothing is visible before the processor's unit of work commits. Grouped (ADR 0030), like
 * statements go as one {@code UNWIND}, in the order they were written per node; a refused one fails the batch, whose
 * run one statement at a time then parks only the refused event. Each batch here is run as Axon's processors run one: a
 * {@link BatchingUnitOfWork} over the events, each through the interceptor chain, the handler standing in for the
 * read model (and, where it parks, for the dead-letter queue).
 */
@Order(20)
class LiveGraphBatchesIT extends PlatformIntegrationTest {

    private static final String PROBE = "BatchProbe";

    @Autowired
    Driver driver;
    @Autowired
    SequencedGraphWriter graph;

    private final String tenant = "batches-" + UUID.randomUUID();
    private LiveGraphBatches oneByOne;
    private LiveGraphBatches grouped;

    @org.junit.jupiter.api.BeforeEach
    void interceptors() {
        oneByOne = new LiveGraphBatches("probe", driver, false);
        grouped = new LiveGraphBatches("probe", driver, true);
    }

    @Test
    void everyGraphReadModelsProcessorWritesItsBatchesThisWay(@Autowired EventProcessingConfiguration processing) {
        for (String group : GraphReadModel.GRAPH) {
            assertThat(processing.interceptorsFor(group)).as(group)
                    .anyMatch(interceptor -> interceptor instanceof LiveGraphBatches);
        }
    }

    @Test
    void aBatchsWritesBecomeVisibleTogetherWhenItsUnitOfWorkCommits() throws Exception {
        List<Long> seenDuringTheBatch = new ArrayList<>();
        runBatch(oneByOne, List.of("a", "b", "c"), (event, key) -> {
            write(key);
            seenDuringTheBatch.add(probes());
            return null;
        });

        assertThat(seenDuringTheBatch).containsOnly(0L);
        assertThat(probeKeys()).containsExactly("a", "b", "c");
    }

    @Test
    void aParkedEventInTheMiddleOfABatchLeavesTheEventsAroundItWritten() throws Exception {
        runBatch(oneByOne, List.of("a", "poison", "c"), (event, key) -> {
            write(key);
            if (key.equals("poison")) {
                try {
                    // A statement Neo4j refuses (a map is no property value): the server ends the transaction.
                    graph.write("MATCH (n:" + PROBE + " {uid: $uid}) SET n.bad = $bad", tenant, key, 1,
                            Map.of("bad", Map.of("nested", "map")));
                } catch (ClientException refused) {
                    ParkedMarks.mark(event); // what the dead-letter queue does, swallowing the failure
                }
            }
            return null;
        });

        assertThat(probeKeys()).containsExactly("a", "c");
    }

    @Test
    void anEventParkedAfterAWriteTheStoreAcceptedLeavesNoPartOfItself() throws Exception {
        runBatch(oneByOne, List.of("a", "half", "c"), (event, key) -> {
            write(key);
            if (key.equals("half")) {
                ParkedMarks.mark(event); // the handler failed after its first write, in its own code
            }
            return null;
        });

        assertThat(probeKeys()).containsExactly("a", "c");
    }

    @Test
    void anEventRetriedInPlaceAfterAFailedStatementCommitsWithTheRestOfItsBatch() throws Exception {
        AtomicInteger storeFailures = new AtomicInteger();
        runBatch(oneByOne, List.of("a", "flaky", "c"), (event, key) -> {
            if (key.equals("flaky")) {
                // The first attempt fails in the store, as a deadlock victim would; the error handler calls again.
                try {
                    graph.write("MATCH (n:" + PROBE + " {uid: $uid}) SET n.bad = $bad", tenant, "a", 1,
                            Map.of("bad", Map.of("nested", "map")));
                } catch (ClientException failedThisTime) {
                    storeFailures.incrementAndGet();
                }
            }
            write(key);
            return null;
        });

        assertThat(storeFailures).hasValue(1);
        assertThat(probeKeys()).containsExactly("a", "c", "flaky");
    }

    @Test
    void aUnitOfWorkThatRollsBackLeavesNothingOfItsBatch() {
        assertThatThrownBy(() -> runBatch(oneByOne, List.of("a", "b"), (event, key) -> {
            write(key);
            if (key.equals("b")) {
                throw new IllegalStateException("the processor's batch fails, e.g. its token could not be stored");
            }
            return null;
        })).hasMessageContaining("token could not be stored");

        assertThat(probeKeys()).isEmpty();
    }

    @Test
    void aGroupedBatchAppliesEachNodesStatementsInTheOrderTheyWereWrittenAndAReadSeesThemAll() throws Exception {
        List<Long> seenByTheRead = new ArrayList<>();
        runBatch(grouped, List.of("a", "b", "a again", "read", "c", "a once more"), (event, key) -> {
            switch (key) {
                case "read" -> graph.inWrite(tx -> seenByTheRead.add(tx.run("MATCH (n:" + PROBE
                        + " {tenant: $tenant}) RETURN count(n) AS c", Map.of("tenant", tenant)).single().get("c")
                        .asLong()));
                case "a again" -> step("a", 2, "second");
                case "a once more" -> step("a", 3, "third");
                default -> write(key);
            }
            return null;
        });

        assertThat(seenByTheRead).containsExactly(2L);
        assertThat(probeKeys()).containsExactly("a", "b", "c");
        assertThat(stepOf("a")).isEqualTo("third");
    }

    @Test
    void aGroupedStatementOnANodeNotYetMergedWaitsForItsMerge() throws Exception {
        runBatch(grouped, List.of("x", "y"), (event, key) -> {
            step(key, 2, "before its merge: no node yet, nothing to set");
            write(key);
            step(key, 3, "after its merge");
            return null;
        });

        assertThat(stepOf("x")).isEqualTo("after its merge");
        assertThat(stepOf("y")).isEqualTo("after its merge");
    }

    @Test
    void aGroupedEventParkedBeforeItsStatementsWereSentLeavesNoPartOfItself() throws Exception {
        runBatch(grouped, List.of("a", "half", "c"), (event, key) -> {
            write(key);
            if (key.equals("half")) {
                ParkedMarks.mark(event); // the handler failed after its write, in its own code
            }
            return null;
        });

        assertThat(probeKeys()).containsExactly("a", "c");
    }

    @Test
    void aRefusedGroupedStatementFailsItsBatchWhichRunsAgainOneStatementAtATimeSoOnlyTheRefusedEventIsParked()
            throws Exception {
        List<EventMessage<?>> batch = events(List.of("a", "refused", "c"));
        List<String> failedInTheirHandler = new ArrayList<>();
        Handler handler = (event, key) -> {
            write(key);
            if (key.equals("refused")) {
                try {
                    graph.write("MATCH (n:" + PROBE + " {uid: $uid}) SET n.bad = $bad", tenant, key, 1,
                            Map.of("bad", Map.of("nested", "map")));
                } catch (ClientException refused) {
                    failedInTheirHandler.add(key);
                    ParkedMarks.mark(event); // what the dead-letter queue does, swallowing the failure
                }
            }
            return null;
        };

        assertThatThrownBy(() -> runEvents(grouped, batch, handler)).isInstanceOf(ClientException.class);
        assertThat(failedInTheirHandler).as("grouped, the refusal comes after the handlers").isEmpty();
        assertThat(probeKeys()).isEmpty();
        assertThatThrownBy(() -> runBatch(grouped, List.of("refused", "d"), handler))
                .as("another batch is still grouped").isInstanceOf(ClientException.class);

        runEvents(grouped, batch, handler);
        assertThat(failedInTheirHandler).containsExactly("refused");
        assertThat(probeKeys()).containsExactly("a", "c");

        failedInTheirHandler.clear();
        assertThatThrownBy(() -> runEvents(grouped, batch, handler)).as("the batch after that is grouped again")
                .isInstanceOf(ClientException.class);
        assertThat(failedInTheirHandler).isEmpty();
    }

    @Test
    void aGroupedBatchCaughtInADeadlockRunsWhatItsTransactionHeldAgainAndCommits() throws Exception {
        node("x", "[]");
        node("y", "[]");
        ExecutorService elsewhere = Executors.newSingleThreadExecutor();
        AtomicReference<Future<String>> other = new AtomicReference<>();
        try {
            runBatch(grouped, List.of("x", "y"), (event, key) -> {
                if (key.equals("x")) {
                    // Another writer, older than the batch's transaction, takes y, then waits for the batch's x; the
                    // batch then wants y: a deadlock, whose victim Neo4j picks by age — the younger, the batch.
                    CountDownLatch yTaken = new CountDownLatch(1);
                    CountDownLatch xTaken = new CountDownLatch(1);
                    other.set(elsewhere.submit(() -> {
                        try (var session = driver.session(); var tx = session.beginTransaction()) {
                            tx.run("MATCH (n:" + PROBE + " {uid: $uid}) SET n.v = 'other'", Map.of("uid", tenant + "y"))
                                    .consume();
                            yTaken.countDown();
                            assertThat(xTaken.await(30, TimeUnit.SECONDS)).isTrue();
                            tx.run("MATCH (n:" + PROBE + " {uid: $uid}) SET n.v = 'other'", Map.of("uid", tenant + "x"))
                                    .consume();
                            tx.commit();
                            return "the other writer committed: the batch was the victim and ran again";
                        } catch (TransientException victim) {
                            return "the other writer was the victim";
                        }
                    }));
                    assertThat(yTaken.await(30, TimeUnit.SECONDS)).isTrue();
                    setV(key, "batch");
                    xTaken.countDown();
                    await().atMost(Duration.ofSeconds(30)).until(() -> blockedTransactions() > 0);
                } else {
                    setV(key, "batch");
                }
                return null;
            });
        } finally {
            elsewhere.shutdown();
        }

        assertThat(other.get().get(30, TimeUnit.SECONDS)).startsWith("the other writer committed");
        assertThat(vOf("x")).isEqualTo("batch");
        assertThat(vOf("y")).isEqualTo("batch");
    }

    @Test
    void historyAppendsGoWithTheBatchsOtherWritesAndLeaveTheJsonAListWouldBe() throws Exception {
        node("h", "[]");
        Instant at = Instant.parse("2026-12-01T00:00:00Z");
        runBatch(grouped, List.of("status", "other", "comment"), (event, key) -> {
            switch (key) {
                case "status" -> graph.appendHistory(PROBE, tenant, "h", 2, "A", "F", "u@x.com", null, at, Map.of("status", "F"));
                case "comment" -> graph.appendHistory(PROBE, tenant, "h", 3, null, null, "u@x.com", "a \"quoted\" note", at,
                        Map.of());
                default -> write(key);
            }
            return null;
        });

        Map<String, Object> status = new java.util.LinkedHashMap<>();
        status.put("from", "A");
        status.put("to", "F");
        status.put("by", "u@x.com");
        status.put("updated", at.toString());
        Map<String, Object> comment = new java.util.LinkedHashMap<>();
        comment.put("by", "u@x.com");
        comment.put("comment", "a \"quoted\" note");
        comment.put("updated", at.toString());
        assertThat(historyOf("h")).isEqualTo(new ObjectMapper().writeValueAsString(List.of(status, comment)));
    }

    @Test
    void aHistoryThatIsNoJsonListFailsItsAppendRatherThanBeingReplaced() {
        node("broken", "{not json");

        assertThatThrownBy(() -> runBatch(oneByOne, List.of("x"), (event, key) -> {
            graph.appendHistory(PROBE, tenant, "broken", 2, "A", "F", "u@x.com", null, Instant.now(), Map.of());
            return null;
        })).isInstanceOf(ClientException.class);
        assertThat(historyOf("broken")).isEqualTo("{not json");
    }

    @FunctionalInterface
    private interface Handler {
        Object handle(EventMessage<?> event, String key) throws Exception;
    }

    /** Runs the keys' events as one processor batch: a batching unit of work, each event through the interceptor. */
    private void runBatch(LiveGraphBatches batches, List<String> keys, Handler handler) throws Exception {
        runEvents(batches, events(keys), handler);
    }

    private static List<EventMessage<?>> events(List<String> keys) {
        return keys.stream().<EventMessage<?>>map(GenericEventMessage::new).toList();
    }

    /** Runs the events as one processor batch (the same events again: the processor's rerun from its token). */
    private void runEvents(LiveGraphBatches batches, List<EventMessage<?>> events, Handler handler) throws Exception {
        var unitOfWork = new BatchingUnitOfWork<>(events);
        MessageHandler<EventMessage<?>> invoker = event -> handler.handle(event, (String) event.getPayload());
        var result = unitOfWork.executeWithResult(() -> new DefaultInterceptorChain<>(unitOfWork,
                List.of(batches), invoker).proceed(), RollbackConfigurationType.ANY_THROWABLE);
        if (result.isExceptional()) {
            Throwable failure = result.exceptionResult();
            throw failure instanceof Exception e ? e : new IllegalStateException(failure);
        }
    }

    private void write(String key) {
        graph.write("MERGE (n:" + PROBE + " {uid: $uid}) SET n.tenant = $tenant, n.key = $key", tenant, key, 1,
                Map.of("tenant", tenant, "key", key));
    }

    /** A later event of the node: sets its step, guarded by its sequence number. */
    private void step(String key, long seq, String step) {
        graph.write("MATCH (n:" + PROBE + " {uid: $uid}) WHERE coalesce(n._seq, 1) < $seq "
                + "SET n.step = $step, n._seq = $seq", tenant, key, seq, Map.of("step", step));
    }

    private void setV(String key, String value) {
        graph.inWrite(tx -> tx.run("MATCH (n:" + PROBE + " {uid: $uid}) SET n.v = $v",
                Map.of("uid", tenant + key, "v", value)).consume());
    }

    private String vOf(String key) {
        try (var session = driver.session()) {
            return session.run("MATCH (n:" + PROBE + " {uid: $uid}) RETURN n.v AS v", Map.of("uid", tenant + key))
                    .single().get("v").asString(null);
        }
    }

    private long blockedTransactions() {
        try (var session = driver.session()) {
            return session.run("SHOW TRANSACTIONS YIELD status WHERE status STARTS WITH 'Blocked' RETURN count(*) AS c")
                    .single().get("c").asLong();
        }
    }

    /** A probe node at sequence number 1 with a history. */
    private void node(String key, String history) {
        try (var session = driver.session()) {
            session.run("CREATE (n:" + PROBE + " {uid: $uid, tenant: $tenant, key: $key, history: $history, _seq: 1})",
                    Map.of("uid", tenant + key, "tenant", tenant, "key", key, "history", history)).consume();
        }
    }

    private String historyOf(String key) {
        try (var session = driver.session()) {
            return session.run("MATCH (n:" + PROBE + " {tenant: $tenant, key: $key}) RETURN n.history AS h",
                    Map.of("tenant", tenant, "key", key)).single().get("h").asString(null);
        }
    }

    private String stepOf(String key) {
        try (var session = driver.session()) {
            return session.run("MATCH (n:" + PROBE + " {tenant: $tenant, key: $key}) RETURN n.step AS s",
                    Map.of("tenant", tenant, "key", key)).single().get("s").asString(null);
        }
    }

    private long probes() {
        try (var session = driver.session()) {
            return session.run("MATCH (n:" + PROBE + " {tenant: $tenant}) RETURN count(n) AS c",
                    Map.of("tenant", tenant)).single().get("c").asLong();
        }
    }

    private List<String> probeKeys() {
        try (var session = driver.session()) {
            return session.run("MATCH (n:" + PROBE + " {tenant: $tenant}) RETURN n.key AS k ORDER BY k",
                    Map.of("tenant", tenant)).list(r -> r.get("k").asString());
        }
    }
}
