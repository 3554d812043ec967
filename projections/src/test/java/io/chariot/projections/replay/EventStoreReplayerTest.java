package io.chariot.projections.replay;

import io.chariot.projections.ReadModel;
import io.chariot.projections.verify.ReadModelDigest;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The replay path never passes over an event: a batch that fails transiently (a deadlock, a store briefly away) is
 * applied again whole; any other failure stops the replay, naming the event. (The event store is Axon's in-memory
 * one: what is under test is the replayer's own logic, not a store.)
 */
class EventStoreReplayerTest {

    /** A read model that keeps, per aggregate, the last sequence number it stored — and can be made to fail. */
    static final class Recording implements ReadModel {
        final Map<String, Long> stored = new ConcurrentHashMap<>();
        final ThreadLocal<Map<String, Long>> batch = ThreadLocal.withInitial(ConcurrentHashMap::new);
        final AtomicInteger transientFlushFailures = new AtomicInteger();
        final AtomicInteger transientApplyFailures = new AtomicInteger();
        volatile String poison;

        @EventHandler
        void on(String payload, @SequenceNumber long seq, org.axonframework.eventhandling.DomainEventMessage<?> e) {
            if (payload.equals(poison)) {
                throw new IllegalArgumentException("this store refuses " + payload);
            }
            if (transientApplyFailures.getAndDecrement() > 0) {
                throw new UncheckedIOException(new IOException("deadlock, try again"));
            }
            batch.get().merge(e.getAggregateIdentifier(), seq, Math::max);
        }

        @Override
        public void beginBatch() {
            batch.get().clear();
        }

        @Override
        public void flushBatch() {
            if (transientFlushFailures.getAndDecrement() > 0) {
                batch.get().clear(); // the transaction is rolled back: what it grouped is gone
                throw new UncheckedIOException(new IOException("transaction terminated"));
            }
            batch.get().forEach((aggregate, seq) -> stored.merge(aggregate, seq, Math::max));
            batch.get().clear();
        }

        @Override
        public void endBatch() {
            batch.get().clear();
        }

        @Override public String name() { return "recording"; }
        @Override public String store() { return "test"; }
        @Override public int version() { return 1; }
        @Override public void ensureSchema() { }
        @Override public void clear() { stored.clear(); }
        @Override public int generation() { return 0; }
        @Override public void useGeneration(int generation) { }
        @Override public ReadModel forGeneration(int generation) { return this; }
        @Override public void drop() { }
        @Override public ReadModelDigest digest() { throw new UnsupportedOperationException(); }
    }

    private EmbeddedEventStore eventStore;
    private final Recording model = new Recording();
    private static final int AGGREGATES = 40;
    private static final int EVENTS_EACH = 5;

    @BeforeEach
    void storeEvents() {
        eventStore = EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()).build();
        List<GenericDomainEventMessage<String>> events = new ArrayList<>();
        for (int seq = 0; seq < EVENTS_EACH; seq++) {
            for (int a = 0; a < AGGREGATES; a++) {
                events.add(new GenericDomainEventMessage<>("Thing", "t#thing#" + a, seq, "event-" + a + "-" + seq));
            }
        }
        eventStore.publish(events);
    }

    @AfterEach
    void shutDown() {
        eventStore.shutDown();
    }

    private EventStoreReplayer replayer() {
        return new EventStoreReplayer(eventStore, failure -> {
            for (Throwable t = failure; t != null; t = t.getCause()) {
                if (t instanceof IOException) {
                    return true;
                }
            }
            return false;
        });
    }

    private void assertEverythingStored() {
        assertThat(model.stored).hasSize(AGGREGATES);
        assertThat(model.stored.values()).containsOnly((long) EVENTS_EACH - 1);
    }

    @ParameterizedTest(name = "{0} segment(s)")
    @ValueSource(ints = {1, 4})
    void aBatchWhoseStoreFailsTransientlyIsAppliedAgainWholeAndNothingIsLost(int segments) {
        model.transientFlushFailures.set(3);

        var outcome = replayer().replay(List.of(model), EventStoreReplayer.Options.defaults().segments(segments)
                .checkpointEvery(50));

        assertThat(outcome.events()).isEqualTo(AGGREGATES * EVENTS_EACH);
        assertEverythingStored();
    }

    @ParameterizedTest(name = "{0} segment(s)")
    @ValueSource(ints = {1, 4})
    void aHandlerFailingTransientlyMidBatchIsRetriedWithTheWholeBatch(int segments) {
        model.transientApplyFailures.set(2);

        replayer().replay(List.of(model), EventStoreReplayer.Options.defaults().segments(segments));

        assertEverythingStored();
    }

    @ParameterizedTest(name = "{0} segment(s)")
    @ValueSource(ints = {1, 4})
    void aHandlerFailingForGoodStopsTheReplayNamingTheEventInsteadOfPassingItOver(int segments) {
        model.poison = "event-7-2";

        assertThatThrownBy(() -> replayer().replay(List.of(model),
                EventStoreReplayer.Options.defaults().segments(segments)))
                .isInstanceOf(EventStoreReplayer.ReplayFailedException.class)
                .hasMessageContaining("#2 of t#thing#7").hasMessageContaining("this store refuses event-7-2");
    }
}
