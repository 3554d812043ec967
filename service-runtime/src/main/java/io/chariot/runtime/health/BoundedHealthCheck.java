package io.chariot.runtime.health;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A store's health check that answers within {@code timeout} whatever the store does: a stalled server (a GC pause,
 * SIGSTOP, a partition) would otherwise hold the probe for as long as its client waits, and a probe that hangs is
 * no probe. The check runs on a thread of its own; while one is still waiting for the store, the next probe waits
 * for that same one instead of starting another, so a long outage never piles up threads.
 */
final class BoundedHealthCheck implements HealthIndicator {

    interface Check {
        void run(Health.Builder health) throws Exception;
    }

    private final String store;
    private final Duration timeout;
    private final Check check;
    private CompletableFuture<Health> running = CompletableFuture.completedFuture(Health.unknown().build());

    BoundedHealthCheck(String store, Duration timeout, Check check) {
        this.store = store;
        this.timeout = timeout;
        this.check = check;
    }

    @Override
    public Health health() {
        CompletableFuture<Health> current;
        synchronized (this) {
            if (running.isDone()) {
                running = CompletableFuture.supplyAsync(this::runCheck, task -> {
                    Thread thread = new Thread(task, "health-" + store);
                    thread.setDaemon(true);
                    thread.start();
                });
            }
            current = running;
        }
        try {
            return current.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return Health.down().withDetail("error", store + " did not answer within " + timeout).build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Health.unknown().build();
        } catch (ExecutionException e) {
            return Health.down(e.getCause()).build();
        }
    }

    private Health runCheck() {
        Health.Builder health = Health.up();
        try {
            check.run(health);
            return health.build();
        } catch (Exception e) {
            return Health.down(e).build();
        }
    }
}
