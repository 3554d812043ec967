package io.chariot.projections.replay;

import io.chariot.projections.ReadModel;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import io.chariot.projections.failure.ReadStoreFailures;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import java.util.function.Predicate;

/**
 * The replay path: rebuilds read models from the event store alone (never Kafka). Streams the events after a start
 * position through the models' own handlers until it reaches the head as it was when the replay began.
 * <p>
 * With more than one segment, one reader feeds N appliers ({@link SegmentAppliers}: every event of an aggregate goes
 * to the same applier, so per-aggregate order — all the read models rely on — is kept, and the queues between them
 * are bounded, so memory is too). Every {@link Options#checkpointEvery} events the reader waits until every event
 * dispatched so far is stored and reports a checkpoint: the position up to which every event has been applied.
 * Why its own threads and not a temporary Axon pooled streaming processor: docs/adr/0021.
 */
public class EventStoreReplayer {

    private static final Logger log = LoggerFactory.getLogger(EventStoreReplayer.class);
    private static final int PROGRESS_EVERY = 100;
    private static final int NEXT_EVENT_TIMEOUT_SECONDS = 60;

    private static final int MAX_ATTEMPTS = 10;

    private final EventStore eventStore;
    private final Predicate<Throwable> retryable;

    /** A replayer that retries what the read stores' clients fail with transiently ({@link ReadStoreFailures}). */
    public EventStoreReplayer(EventStore eventStore) {
        this(eventStore, ReadStoreFailures.classifier()::isTransient);
    }

    /**
     * @param retryable which failures a batch is applied again for (a deadlock, a store briefly unavailable); any
     *                  other failure stops the replay, naming the event
     */
    public EventStoreReplayer(EventStore eventStore, Predicate<Throwable> retryable) {
        this.eventStore = eventStore;
        this.retryable = retryable;
    }

    /** How to replay; every field has a sensible default. */
    public record Options(Long fromPosition, Long untilPosition, int segments, int checkpointEvery, int maxRate,
                          LongConsumer progress, Checkpointer checkpoint) {

        public static Options defaults() {
            return new Options(null, null, 1, 5_000, 0, done -> { }, (position, done) -> { });
        }

        /** Stop at this position instead of the head (to bring two models to exactly the same point). */
        public Options until(Long position) {
            return new Options(fromPosition, position, segments, checkpointEvery, maxRate, progress, checkpoint);
        }

        public Options from(Long position) {
            return new Options(position, untilPosition, segments, checkpointEvery, maxRate, progress, checkpoint);
        }

        public Options segments(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("segments must be at least 1");
            }
            return new Options(fromPosition, untilPosition, n, checkpointEvery, maxRate, progress, checkpoint);
        }

        public Options checkpointEvery(int n) {
            return new Options(fromPosition, untilPosition, segments, Math.max(1, n), maxRate, progress, checkpoint);
        }

        /** At most this many events per second (0: as fast as the stores take them), to spare a busy store. */
        public Options maxRate(int eventsPerSecond) {
            return new Options(fromPosition, untilPosition, segments, checkpointEvery, Math.max(0, eventsPerSecond),
                    progress, checkpoint);
        }

        public Options progress(LongConsumer p) {
            return new Options(fromPosition, untilPosition, segments, checkpointEvery, maxRate, p, checkpoint);
        }

        public Options checkpoint(Checkpointer c) {
            return new Options(fromPosition, untilPosition, segments, checkpointEvery, maxRate, progress, c);
        }
    }

    /** Called with the position up to which every event has been applied, and the number of events done. */
    @FunctionalInterface
    public interface Checkpointer {
        void reached(long position, long eventsDone);
    }

    /** What a replay did. */
    public record Outcome(long events, Long lastPosition) {
    }

    /** Clears the models, then replays everything into them. @return the number of events replayed */
    public long replay(List<? extends ReadModel> models) {
        models.forEach(ReadModel::clear);
        return replayInto(models, done -> { });
    }

    /** The event store's head position now (about the number of events stored). */
    public long headPosition() {
        return position(eventStore.createHeadToken()).orElse(0L);
    }

    /** The position of the last event stored before the time, for {@code --since}. */
    public long positionAt(Instant time) {
        return position(eventStore.createTokenAt(time)).orElse(0L);
    }

    /**
     * Replays every event up to the current head into the models as they are (no clearing), reporting the number
     * of events done every few hundred events and at the end.
     */
    public long replayInto(List<? extends ReadModel> models, LongConsumer progress) {
        return replay(models, Options.defaults().progress(progress)).events();
    }

    /** Replays the events after {@code options.fromPosition()} (all when null) up to the current head. */
    public Outcome replay(List<? extends ReadModel> models, Options options) {
        models.forEach(ReadModel::ensureSchema);
        List<AnnotationEventHandlerAdapter> handlers = models.stream().map(AnnotationEventHandlerAdapter::new).toList();
        TrackingToken head = eventStore.createHeadToken();
        if (head != null && options.untilPosition() != null && position(head).orElse(0) > options.untilPosition()) {
            head = tokenAt(head, options.untilPosition());
        }
        if (head == null || (options.fromPosition() != null && position(head).orElse(0) <= options.fromPosition())) {
            options.progress().accept(0);
            return new Outcome(0, options.fromPosition());
        }
        SegmentAppliers appliers = options.segments() == 1 ? null
                : new SegmentAppliers(options.segments(), () -> new BatchWorker(models, handlers), "replay-segment");
        Batch single = appliers == null ? new Batch(models, handlers) : null;
        boolean failed = true;
        long count = 0;
        Long last = options.fromPosition();
        TrackingToken start = options.fromPosition() == null ? null : tokenAt(head, options.fromPosition());
        long startedNanos = System.nanoTime();
        try (var stream = eventStore.openStream(start)) {
            boolean reachedHead = false;
            while (!reachedHead) {
                // hasNextAvailable() without a wait may answer false while the store is still fetching the next
                // batch: wait for it, and only give up when nothing comes for a long time.
                if (!stream.hasNextAvailable(NEXT_EVENT_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("the event store stopped delivering after " + count
                            + " events, before its head " + head);
                }
                if (Thread.currentThread().isInterrupted()) {
                    throw new InterruptedException();
                }
                TrackedEventMessage<?> event = stream.nextAvailable();
                if (appliers == null) {
                    single.apply(event);
                } else {
                    appliers.dispatch(event);
                }
                count++;
                if (options.maxRate() > 0) {
                    long due = startedNanos + count * 1_000_000_000L / options.maxRate();
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        TimeUnit.NANOSECONDS.sleep(wait);
                    }
                }
                OptionalLong position = event.trackingToken().position();
                if (position.isPresent()) {
                    last = position.getAsLong();
                }
                if (count % PROGRESS_EVERY == 0) {
                    options.progress().accept(count);
                }
                // By position, not covers(): a gap a rolled-back write left behind (a failed or conflicting
                // command) stays in the stream's token for a while, and such a token never covers the head's.
                reachedHead = position.isPresent() && position(head).isPresent()
                        ? position.getAsLong() >= position(head).getAsLong()
                        : event.trackingToken().covers(head);
                if ((count % options.checkpointEvery() == 0 || reachedHead) && last != null) {
                    if (appliers != null) {
                        appliers.awaitApplied();
                    } else {
                        single.flush();
                    }
                    options.checkpoint().reached(last, count);
                }
            }
            failed = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ReplayInterruptedException(count);
        } finally {
            if (appliers != null) {
                appliers.close(failed);
            } else {
                if (!failed) {
                    single.flush();
                }
                endBatches(models, failed);
            }
        }
        options.progress().accept(count);
        log.info("replayed {} events into {} ({} segment(s))", count, models.stream().map(ReadModel::name).toList(),
                options.segments());
        return new Outcome(count, last);
    }

    private static TrackingToken tokenAt(TrackingToken head, long position) {
        return head instanceof GapAwareTrackingToken
                ? GapAwareTrackingToken.newInstance(position, Collections.emptySet())
                : new GlobalSequenceTrackingToken(position);
    }

    private static OptionalLong position(TrackingToken token) {
        return token == null ? OptionalLong.empty() : token.position();
    }

    /** Applies one event to every model that handles it; a handler's failure is thrown, never passed over. */
    private static void apply(List<AnnotationEventHandlerAdapter> handlers, EventMessage<?> event) {
        for (var handler : handlers) {
            if (handler.canHandle(event)) {
                ResultMessage<?> result = DefaultUnitOfWork.startAndGet(event)
                        .executeWithResult(() -> handler.handle(event));
                if (result.isExceptional()) {
                    throw new ReplayFailedException(event, result.exceptionResult());
                }
            }
        }
    }

    /** A handler failed on an event during a replay: the replay stops, naming the event and the cause. */
    public static class ReplayFailedException extends RuntimeException {
        ReplayFailedException(EventMessage<?> event, Throwable cause) {
            super("applying " + event.getPayloadType().getSimpleName()
                    + (event instanceof DomainEventMessage<?> d ? " #" + d.getSequenceNumber() + " of "
                    + d.getAggregateIdentifier() : "") + " failed: " + cause.getMessage(), cause);
        }
    }

    /**
     * One thread's grouped writes: the events since the last flush are kept, so a batch that fails transiently — a
     * Neo4j deadlock between two appliers' transactions, a store briefly unavailable — is begun again and every one
     * of its events applied again (the models' sequence guards make that safe), with back-off, up to
     * {@value #MAX_ATTEMPTS} attempts.
     */
    private final class Batch {
        private final List<? extends ReadModel> models;
        private final List<AnnotationEventHandlerAdapter> handlers;
        private final List<EventMessage<?>> events = new ArrayList<>();

        Batch(List<? extends ReadModel> models, List<AnnotationEventHandlerAdapter> handlers) {
            this.models = models;
            this.handlers = handlers;
            models.forEach(ReadModel::beginBatch);
        }

        void apply(EventMessage<?> event) {
            events.add(event);
            try {
                EventStoreReplayer.apply(handlers, event);
            } catch (RuntimeException failure) {
                again(failure, false);
            }
        }

        /** Stores what is grouped; returns how many events that was. */
        int flush() {
            if (events.isEmpty()) {
                return 0;
            }
            try {
                models.forEach(ReadModel::flushBatch);
            } catch (RuntimeException failure) {
                again(failure, true);
            }
            int flushed = events.size();
            events.clear();
            return flushed;
        }

        /** Begins the batch again and applies its events again (and stores them, when flushing). */
        private void again(RuntimeException failure, boolean store) {
            RuntimeException last = failure;
            for (int attempt = 1; retryable.test(last); attempt++) {
                if (attempt > MAX_ATTEMPTS) {
                    break;
                }
                log.info("replay batch of {} events failed ({}); applying it again, attempt {}", events.size(),
                        last.getMessage(), attempt);
                pause(attempt);
                endBatches(models, true);
                models.forEach(ReadModel::beginBatch);
                try {
                    events.forEach(e -> EventStoreReplayer.apply(handlers, e));
                    if (store) {
                        models.forEach(ReadModel::flushBatch);
                    }
                    return;
                } catch (RuntimeException again) {
                    last = again;
                }
            }
            throw last;
        }

        private void pause(int attempt) {
            try {
                TimeUnit.MILLISECONDS.sleep(Math.min(5_000, 50L << Math.min(attempt, 7)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ReplayInterruptedException(0);
            }
        }
    }

    /** Leaves batch mode; after a failure what is still grouped is dropped (the checkpoint before it stands). */
    private static void endBatches(List<? extends ReadModel> models, boolean failed) {
        for (ReadModel model : models) {
            try {
                model.endBatch();
            } catch (RuntimeException e) {
                if (!failed) {
                    throw e;
                }
                log.debug("ending the batch of {} after a failed replay", model.name(), e);
            }
        }
    }

    /** A replay stopped by an interrupt (an abort, a shutdown); the last checkpoint stands. */
    public static class ReplayInterruptedException extends RuntimeException {
        public ReplayInterruptedException(long events) {
            super("replay interrupted after " + events + " events");
        }
    }

    /** One applier thread's {@link Batch}: the models' writes grouped until the appliers flush. */
    private final class BatchWorker implements SegmentAppliers.Worker {
        private final List<? extends ReadModel> models;
        private final List<AnnotationEventHandlerAdapter> handlers;
        private Batch batch;

        BatchWorker(List<? extends ReadModel> models, List<AnnotationEventHandlerAdapter> handlers) {
            this.models = models;
            this.handlers = handlers;
        }

        @Override
        public void apply(EventMessage<?> event) {
            if (batch == null) {
                // Begun on the applier's own thread: the models group per thread.
                batch = new Batch(models, handlers);
            }
            batch.apply(event);
        }

        @Override
        public void flush() {
            if (batch != null) {
                batch.flush();
            }
        }

        @Override
        public void end(boolean failed) {
            if (batch != null) {
                endBatches(models, failed);
            }
        }
    }
}
