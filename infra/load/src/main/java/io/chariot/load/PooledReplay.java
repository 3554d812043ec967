package io.chariot.load;

import io.chariot.projections.ReadModel;
import io.chariot.projections.replay.EventStoreReplayer;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.async.SequentialPerAggregatePolicy;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;

/**
 * The benchmark's other replay engine (issue 9, finding 7; ADR 0021): a temporary Axon
 * {@link PooledStreamingEventProcessor} per rebuilt generation instead of {@link EventStoreReplayer}'s own threads.
 * Its tokens in Axon's token store are the checkpoints, {@link SequentialPerAggregatePolicy} keeps per-aggregate
 * order, its segments are the parallelism, and each of its batches is one
 * {@link ReadModel#beginBatch()}/{@link ReadModel#flushBatch()} group of writes, flushed when the batch's unit of
 * work prepares its commit (before the token commits). The platform does not use it; it stays so that
 * {@code RebuildBenchmark --engines hand,pooled} can repeat the comparison after an Axon upgrade.
 */
final class PooledReplay {

    private static final String BATCH = PooledReplay.class.getName() + ".batch";
    private static final Duration POLL = Duration.ofMillis(20);

    private final EventStore eventStore;
    private final TokenStore tokenStore;
    private final TransactionManager transactions;

    PooledReplay(EventStore eventStore, TokenStore tokenStore, TransactionManager transactions) {
        this.eventStore = eventStore;
        this.tokenStore = tokenStore;
        this.transactions = transactions;
    }

    /** What a replay did: events applied (committed with their batch) and whether it reached its end position. */
    public record Outcome(long events, boolean complete) {
    }

    /**
     * Replays the event store into the models, from {@code fromPosition} (all when null) up to {@code until},
     * under processor name {@code name} (tokens stay under it while unfinished: starting again with the same name
     * resumes). {@code stop} is asked between polls; when it answers true the processor is shut down after its
     * current batches (every event counted is stored).
     */
    public Outcome replay(String name, List<? extends ReadModel> models, Long fromPosition, long until, int segments,
                          int batchSize, LongConsumer applied, BooleanSupplier stop) {
        models.forEach(ReadModel::ensureSchema);
        AtomicLong done = new AtomicLong();
        ScheduledExecutorService coordinator = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, name + "-coordinator"));
        ScheduledExecutorService workers = Executors.newScheduledThreadPool(segments, r -> daemon(r, name + "-worker"));
        PooledStreamingEventProcessor processor = PooledStreamingEventProcessor.builder()
                .name(name)
                .eventHandlerInvoker(SimpleEventHandlerInvoker.builder()
                        .eventHandlers(new ArrayList<>(models))
                        .sequencingPolicy(SequentialPerAggregatePolicy.instance())
                        .listenerInvocationErrorHandler(PropagatingErrorHandler.instance())
                        .build())
                .errorHandler(PropagatingErrorHandler.instance())
                .messageSource(eventStore)
                .tokenStore(tokenStore)
                .transactionManager(transactions)
                .coordinatorExecutor(coordinator)
                .workerExecutor(workers)
                .initialSegmentCount(segments)
                .maxClaimedSegments(segments)
                .batchSize(batchSize)
                .tokenClaimInterval(200)
                .initialToken(source -> fromPosition == null ? null : tokenAt(source.createHeadToken(), fromPosition))
                .build();
        processor.registerHandlerInterceptor(new BatchedWrites(models, until, done, applied));
        processor.start();
        boolean complete = false;
        try {
            while (!(complete = reached(processor, segments, until)) && !stop.getAsBoolean()) {
                failed(processor);
                TimeUnit.MILLISECONDS.sleep(POLL.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EventStoreReplayer.ReplayInterruptedException(done.get());
        } finally {
            try {
                processor.shutdownAsync().get(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                throw new IllegalStateException("the replay processor " + name + " did not stop", e);
            } finally {
                coordinator.shutdownNow();
                workers.shutdownNow();
            }
        }
        if (complete) {
            // Finished: the tokens were only the checkpoints of this replay.
            transactions.executeInTransaction(() -> {
                for (int segment : tokenStore.fetchSegments(name)) {
                    tokenStore.fetchToken(name, segment);
                    tokenStore.deleteToken(name, segment);
                }
            });
        }
        return new Outcome(done.get(), complete);
    }

    private static boolean reached(PooledStreamingEventProcessor processor, int segments, long until) {
        Map<Integer, EventTrackerStatus> status = processor.processingStatus();
        if (status.size() < segments) {
            return false;
        }
        for (EventTrackerStatus s : status.values()) {
            OptionalLong position = s.getCurrentPosition();
            if (s.isErrorState() || position.isEmpty() || position.getAsLong() < until) {
                return false;
            }
        }
        return true;
    }

    private static void failed(PooledStreamingEventProcessor processor) {
        for (EventTrackerStatus s : processor.processingStatus().values()) {
            if (s.isErrorState()) {
                throw new IllegalStateException("replay segment " + s.getSegment().getSegmentId() + " failed",
                        s.getError());
            }
        }
    }

    private static TrackingToken tokenAt(TrackingToken head, long position) {
        return head instanceof GapAwareTrackingToken
                ? GapAwareTrackingToken.newInstance(position, Collections.emptySet())
                : new GlobalSequenceTrackingToken(position);
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /**
     * One group of store writes per processor batch: begun with the batch's first event on the worker thread that
     * runs it, flushed when its unit of work prepares to commit (before the token commits), ended at clean-up.
     * Events after {@code until} are passed over, so two models can be brought to exactly the same position.
     */
    private static final class BatchedWrites implements MessageHandlerInterceptor<EventMessage<?>> {
        private final List<? extends ReadModel> models;
        private final long until;
        private final AtomicLong done;
        private final LongConsumer applied;

        BatchedWrites(List<? extends ReadModel> models, long until, AtomicLong done, LongConsumer applied) {
            this.models = models;
            this.until = until;
            this.done = done;
            this.applied = applied;
        }

        @Override
        public Object handle(UnitOfWork<? extends EventMessage<?>> unitOfWork, InterceptorChain chain)
                throws Exception {
            EventMessage<?> event = unitOfWork.getMessage();
            if (event instanceof TrackedEventMessage<?> tracked
                    && tracked.trackingToken().position().orElse(Long.MIN_VALUE) > until) {
                return null;
            }
            AtomicLong count = (AtomicLong) unitOfWork.resources().computeIfAbsent(BATCH, key -> {
                models.forEach(ReadModel::beginBatch);
                AtomicLong events = new AtomicLong();
                unitOfWork.onPrepareCommit(u -> models.forEach(ReadModel::flushBatch));
                unitOfWork.afterCommit(u -> applied.accept(done.addAndGet(events.get())));
                unitOfWork.onCleanup(u -> endBatches());
                return events;
            });
            Object result = chain.proceed();
            count.incrementAndGet();
            return result;
        }

        private void endBatches() {
            for (ReadModel model : models) {
                try {
                    model.endBatch();
                } catch (RuntimeException e) {
                    // After a rollback what is still grouped is dropped; the stored token before it stands.
                }
            }
        }
    }
}
