package io.chariot.projections.replay;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The replay's parallel half: N applier threads, each with a bounded queue, fed by one reader. Every event of an
 * aggregate goes to the same applier, so per-aggregate order — which every read model relies on — is kept. Each
 * applier groups its writes ({@link Worker#flush()} whenever its queue runs dry, and at every checkpoint).
 * <p>
 * A checkpoint ({@link #awaitApplied()}) puts a marker behind the events in every queue and waits until every
 * applier has reached its marker and flushed: queues are first in, first out, so everything dispatched before is
 * then stored. The first failure of any applier stops the replay: it is thrown to the reader by the next
 * {@link #dispatch} or checkpoint, and the appliers only drain their queues from then on, so the reader never
 * blocks on a full queue or a marker.
 * <p>
 * Why own threads rather than Axon's pooled streaming processor: docs/adr/0021-replay-keeps-its-own-appliers.md.
 */
final class SegmentAppliers implements AutoCloseable {

    /** One applier thread's writes; every method is called on that thread only. */
    interface Worker {
        void apply(EventMessage<?> event);

        /** Stores what was grouped; after it returns every event applied so far is stored. */
        void flush();

        /** The thread ends: {@code failed} when the replay failed or was interrupted (drop what is grouped). */
        void end(boolean failed);
    }

    private static final int QUEUE_CAPACITY = 1024;
    private static final Duration STOP_WAIT = Duration.ofSeconds(30);

    /** What travels in a queue besides events. */
    private sealed interface Signal {
    }

    private record Checkpoint(CountDownLatch reached) implements Signal {
    }

    private record End() implements Signal {
    }

    private final List<BlockingQueue<Object>> queues = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();

    SegmentAppliers(int segments, Supplier<Worker> workers, String threadName) {
        for (int i = 0; i < segments; i++) {
            BlockingQueue<Object> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
            queues.add(queue);
            Worker worker = workers.get();
            Thread t = new Thread(() -> run(worker, queue), threadName + "-" + i);
            t.setDaemon(true);
            threads.add(t);
        }
        threads.forEach(Thread::start);
    }

    /** Hands the event to its aggregate's applier; blocks while that applier's queue is full. */
    void dispatch(EventMessage<?> event) throws InterruptedException {
        rethrow();
        String aggregate = event instanceof DomainEventMessage<?> d ? d.getAggregateIdentifier() : "";
        queues.get(Math.floorMod(aggregate.hashCode(), queues.size())).put(event);
    }

    /** Returns once every event dispatched before is applied and stored; throws the first applier failure. */
    void awaitApplied() throws InterruptedException {
        rethrow();
        CountDownLatch reached = new CountDownLatch(queues.size());
        for (BlockingQueue<Object> queue : queues) {
            queue.put(new Checkpoint(reached));
        }
        reached.await();
        rethrow();
    }

    /**
     * Ends the appliers and waits for them. After a success every queue is empty (the last checkpoint drained it);
     * after a failure or an interrupt what is queued is dropped and the appliers are interrupted.
     */
    void close(boolean failed) {
        for (BlockingQueue<Object> queue : queues) {
            if (failed) {
                queue.clear();
            }
            while (!queue.offer(new End())) {
                queue.clear();
            }
        }
        if (failed) {
            threads.forEach(Thread::interrupt);
        }
        boolean interrupted = false;
        for (Thread t : threads) {
            try {
                t.join(STOP_WAIT.toMillis());
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        close(true);
    }

    private void run(Worker worker, BlockingQueue<Object> queue) {
        boolean pending = false;
        try {
            while (true) {
                Object next = queue.poll();
                if (next == null) {
                    pending = flush(worker, pending);
                    next = queue.take();
                }
                if (next instanceof End) {
                    flush(worker, pending);
                    return;
                }
                if (next instanceof Checkpoint checkpoint) {
                    pending = flush(worker, pending);
                    checkpoint.reached().countDown();
                    continue;
                }
                if (failure.get() == null) {
                    try {
                        worker.apply((EventMessage<?>) next);
                        pending = true;
                    } catch (RuntimeException e) {
                        failure.compareAndSet(null, e);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            worker.end(failure.get() != null || Thread.currentThread().isInterrupted());
        }
    }

    /** @return whether anything is still grouped (false once flushed, or once the replay has failed anyway) */
    private boolean flush(Worker worker, boolean pending) {
        if (pending && failure.get() == null) {
            try {
                worker.flush();
            } catch (RuntimeException e) {
                failure.compareAndSet(null, e);
            }
        }
        return false;
    }

    private void rethrow() {
        RuntimeException e = failure.get();
        if (e != null) {
            throw e;
        }
    }
}
