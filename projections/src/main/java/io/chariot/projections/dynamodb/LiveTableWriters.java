package io.chariot.projections.dynamodb;

import io.chariot.projections.processing.LiveBatch;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads that send the live table batches' writes ({@link LiveTableBatch}), shared by every table read model
 * of the process: {@code chariot.dynamodb.live-writers} of them bound the writes in flight against the store. Not an
 * {@link Executor} bean on purpose: Spring Boot would take it for the application's task executor.
 */
public final class LiveTableWriters implements AutoCloseable {

    private final ExecutorService pool;

    public LiveTableWriters(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("live table writers need at least one thread, not " + threads);
        }
        AtomicInteger n = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "chariot-table-writer-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Opens a batch on the calling thread: its table writes go to these threads until it closes. */
    public LiveBatch openBatch() {
        return LiveTableBatch.open(pool);
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
