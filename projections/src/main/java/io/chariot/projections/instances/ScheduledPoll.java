package io.chariot.projections.instances;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/** Waits for another process's state by checking it on a scheduler, bounded; the caller's thread only waits. */
public final class ScheduledPoll {

    private ScheduledPoll() {
    }

    /**
     * @return true once {@code done} holds, false if it did not within {@code timeout}
     * @throws RuntimeException what a check threw
     * @throws InterruptedException when the waiting thread is interrupted
     */
    public static boolean until(Duration every, Duration timeout, BooleanSupplier done) throws InterruptedException {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "chariot-poll");
            t.setDaemon(true);
            return t;
        });
        CompletableFuture<Void> reached = new CompletableFuture<>();
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                if (done.getAsBoolean()) {
                    reached.complete(null);
                }
            } catch (RuntimeException e) {
                reached.completeExceptionally(e);
            }
        }, 0, Math.max(every.toMillis(), 10), TimeUnit.MILLISECONDS);
        try {
            reached.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            throw (RuntimeException) e.getCause();
        } finally {
            scheduler.shutdownNow();
        }
    }
}
