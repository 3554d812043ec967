package io.chariot.projections.replay;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The replay's applier threads: order per aggregate, checkpoints that mean "stored", failures that stop it. */
class SegmentAppliersTest {

    private static final int AGGREGATES = 50;
    private static final int EVENTS_EACH = 200;

    /** Groups applied events until flushed, as the read models do; records which thread applied each aggregate. */
    static final class Recording {
        final Map<String, List<Long>> stored = new ConcurrentHashMap<>();
        final Map<String, Set<String>> threads = new ConcurrentHashMap<>();
        final List<Boolean> ended = new CopyOnWriteArrayList<>();
        final AtomicInteger applied = new AtomicInteger();
        volatile String poison;

        SegmentAppliers.Worker worker() {
            List<DomainEventMessage<?>> grouped = new ArrayList<>();
            return new SegmentAppliers.Worker() {
                @Override
                public void apply(EventMessage<?> event) {
                    DomainEventMessage<?> e = (DomainEventMessage<?>) event;
                    if (e.getPayload().equals(poison)) {
                        throw new IllegalStateException("refused " + poison);
                    }
                    threads.computeIfAbsent(e.getAggregateIdentifier(), k -> ConcurrentHashMap.newKeySet())
                            .add(Thread.currentThread().getName());
                    grouped.add(e);
                    applied.incrementAndGet();
                }

                @Override
                public void flush() {
                    grouped.forEach(e -> stored.computeIfAbsent(e.getAggregateIdentifier(),
                            k -> new CopyOnWriteArrayList<>()).add(e.getSequenceNumber()));
                    grouped.clear();
                }

                @Override
                public void end(boolean failed) {
                    ended.add(failed);
                }
            };
        }

        long storedCount() {
            return stored.values().stream().mapToLong(List::size).sum();
        }
    }

    private static List<EventMessage<?>> interleavedEvents() {
        List<EventMessage<?>> events = new ArrayList<>();
        for (long seq = 0; seq < EVENTS_EACH; seq++) {
            for (int a = 0; a < AGGREGATES; a++) {
                events.add(new GenericDomainEventMessage<>("Thing", "thing-" + a, seq, "e-" + a + "-" + seq));
            }
        }
        return events;
    }

    @Test
    void everyEventOfAnAggregateIsAppliedInOrderOnOneApplier() throws InterruptedException {
        Recording model = new Recording();
        try (var appliers = new SegmentAppliers(4, model::worker, "test-applier")) {
            for (EventMessage<?> event : interleavedEvents()) {
                appliers.dispatch(event);
            }
            appliers.awaitApplied();
        }

        assertThat(model.stored).hasSize(AGGREGATES);
        List<Long> inOrder = new ArrayList<>();
        for (long seq = 0; seq < EVENTS_EACH; seq++) {
            inOrder.add(seq);
        }
        model.stored.values().forEach(sequence -> assertThat(sequence).containsExactlyElementsOf(inOrder));
        model.threads.values().forEach(names -> assertThat(names).hasSize(1));
        assertThat(model.threads.values().stream().flatMap(Set::stream).distinct()).hasSizeGreaterThan(1);
    }

    @Test
    void aCheckpointReturnsOnlyOnceEveryEventDispatchedBeforeItIsStored() throws InterruptedException {
        Recording model = new Recording();
        List<EventMessage<?>> events = interleavedEvents();
        try (var appliers = new SegmentAppliers(3, model::worker, "test-applier")) {
            for (int i = 0; i < events.size(); i++) {
                appliers.dispatch(events.get(i));
                if ((i + 1) % 1_000 == 0) {
                    appliers.awaitApplied();

                    assertThat(model.storedCount()).isEqualTo(i + 1);
                }
            }
        }
    }

    @Test
    void aFailingApplierStopsTheReplayAtTheNextCheckpointAndNothingAfterItIsApplied() throws InterruptedException {
        Recording model = new Recording();
        model.poison = "e-7-3";
        List<EventMessage<?>> events = interleavedEvents();
        var appliers = new SegmentAppliers(4, model::worker, "test-applier");
        try {
            assertThatThrownBy(() -> {
                for (EventMessage<?> event : events) {
                    appliers.dispatch(event);
                }
                appliers.awaitApplied();
            }).isInstanceOf(IllegalStateException.class).hasMessage("refused e-7-3");
        } finally {
            appliers.close(true);
        }

        assertThat(model.applied.get()).isLessThan(events.size());
        assertThat(model.stored.getOrDefault("thing-7", List.of())).doesNotContain(3L, 4L);
        assertThat(model.ended).hasSize(4).contains(true);
    }

    @Test
    void closingAfterASuccessEndsEveryApplierCleanlyBeforeItReturns() throws InterruptedException {
        Recording model = new Recording();
        var appliers = new SegmentAppliers(4, model::worker, "test-applier");
        for (EventMessage<?> event : interleavedEvents()) {
            appliers.dispatch(event);
        }
        appliers.awaitApplied();

        appliers.close(false);

        assertThat(model.ended).containsExactly(false, false, false, false);
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().startsWith("test-applier-"));
    }
}
