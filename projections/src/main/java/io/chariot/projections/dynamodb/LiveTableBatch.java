package io.chariot.projections.dynamodb;

import io.chariot.projections.processing.LiveBatch;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;

/**
 * The DynamoDB writes of one live processor batch, sent side by side instead of one after the other: a conditional
 * write is a round trip of its own (DynamoDB has no multi-item conditional write but a transaction, at twice the
 * cost), so a processor that waits for each one applies at the latency's pace. Writes to the same item keep their
 * order — each waits for the item's previous one, and one that failed stops those after it — and a read of an item
 * waits for the item's writes, so a handler sees what the events before it wrote. The batch is done when every
 * write is: the processor's commit waits for it, so the token and the "applied" reports still follow the store.
 */
final class LiveTableBatch implements LiveBatch {

    private static final ThreadLocal<LiveTableBatch> CURRENT = new ThreadLocal<>();

    private final Executor writers;
    private final Map<String, CompletableFuture<Void>> lastByItem = new HashMap<>();
    private final List<CompletableFuture<Void>> writes = new ArrayList<>();

    private LiveTableBatch(Executor writers) {
        this.writers = writers;
    }

    /** This thread's batch, or null when its writes go one at a time. */
    static LiveTableBatch current() {
        return CURRENT.get();
    }

    /** Starts sending this thread's table writes side by side; {@link #close()} ends it. */
    static LiveTableBatch open(Executor writers) {
        LiveTableBatch stale = CURRENT.get();
        if (stale != null) {
            stale.close(); // a unit of work that ended without its clean-up
        }
        LiveTableBatch batch = new LiveTableBatch(writers);
        CURRENT.set(batch);
        return batch;
    }

    /** Sends {@code write} once the item's earlier writes in this batch are done; does not wait for it. */
    void submit(String item, Runnable write) {
        CompletableFuture<Void> previous = lastByItem.get(item);
        CompletableFuture<Void> next = previous == null ? CompletableFuture.runAsync(write, writers)
                : previous.thenRunAsync(write, writers);
        lastByItem.put(item, next);
        writes.add(next);
    }

    /**
     * Waits until the item's writes in this batch are done, failed or not: a failed one fails the batch at its
     * commit, so what a read sees after it is never stored.
     */
    void awaitItem(String item) {
        CompletableFuture<Void> last = lastByItem.get(item);
        if (last != null) {
            awaitQuietly(last);
        }
    }

    /**
     * Waits for every write so far, failed or not (before work that is not a write of one item, like a tenant's
     * purge); a failure is left for {@link #commit()}.
     */
    void awaitAll() {
        writes.forEach(LiveTableBatch::awaitQuietly);
    }

    /** Waits for every write; the first failure is the batch's, so the processor runs the batch again. */
    @Override
    public void commit() {
        try {
            awaitAll();
            RuntimeException failed = firstFailure();
            if (failed != null) {
                throw failed;
            }
        } finally {
            writes.clear();
            lastByItem.clear();
        }
    }

    /** Ends the batch; writes still running are waited for, so none overlaps the next batch's. */
    @Override
    public void close() {
        try {
            writes.forEach(LiveTableBatch::awaitQuietly);
        } finally {
            writes.clear();
            lastByItem.clear();
            CURRENT.remove();
        }
    }

    private RuntimeException firstFailure() {
        for (CompletableFuture<Void> write : writes) {
            if (write.isCompletedExceptionally()) {
                try {
                    write.get();
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause() instanceof CompletionException c && c.getCause() != null
                            ? c.getCause() : e.getCause();
                    return cause instanceof RuntimeException r ? r : new IllegalStateException(cause);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return new IllegalStateException("interrupted while waiting for a table write", e);
                } catch (java.util.concurrent.CancellationException e) {
                    return e;
                }
            }
        }
        return null;
    }

    private static void awaitQuietly(CompletableFuture<Void> write) {
        try {
            write.join();
        } catch (CompletionException | java.util.concurrent.CancellationException failedWrite) {
            // reported by commit()
        }
    }
}
