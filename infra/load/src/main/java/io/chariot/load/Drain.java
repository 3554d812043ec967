package io.chariot.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.function.LongFunction;
import java.util.function.LongPredicate;

/**
 * After a write burst: waits until every acknowledged asset is in each read store, so later phases run on a quiet
 * system, and says how long each store's projection needed to catch up. Walks the written keys in order, in
 * batches of 500, one thread per store, pausing 0.5 s while a batch is incomplete (so "caught up" is precise to
 * about half a second).
 */
final class Drain {

    /** Per store: seconds from {@code since} until the last written asset was visible, or -1 on timeout. */
    record Result(Map<String, Double> caughtUpSeconds, Map<String, Long> missingAtTimeout) {
    }

    private Drain() {
    }

    static Result await(List<ReadStores.Probe> probes, long fromSequence, long toSequence, LongPredicate failed,
                        LongFunction<String> keyOf, long sinceNanos, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, Double> seconds = new LinkedHashMap<>();
        Map<String, Long> missing = new LinkedHashMap<>();
        CountDownLatch done = new CountDownLatch(probes.size());
        for (ReadStores.Probe probe : probes) {
            seconds.put(probe.name(), -1.0);
            missing.put(probe.name(), 0L);
        }
        for (ReadStores.Probe probe : probes) {
            Thread t = new Thread(() -> {
                try {
                    long cursor = fromSequence;
                    List<String> waiting = new ArrayList<>();
                    while (true) {
                        while (waiting.size() < 500 && cursor < toSequence) {
                            if (!failed.test(cursor)) {
                                waiting.add(keyOf.apply(cursor));
                            }
                            cursor++;
                        }
                        if (waiting.isEmpty()) {
                            synchronized (seconds) {
                                seconds.put(probe.name(), (System.nanoTime() - sinceNanos) / 1e9);
                            }
                            return;
                        }
                        if (System.nanoTime() > deadline) {
                            synchronized (seconds) {
                                missing.put(probe.name(), waiting.size() + (toSequence - cursor));
                            }
                            return;
                        }
                        try {
                            Set<String> visible = probe.visible(waiting);
                            waiting.removeIf(visible::contains);
                            if (!waiting.isEmpty()) {
                                // Gently: DynamoDB Local serves reads and the projection's writes on one thread.
                                Thread.sleep(500);
                            }
                        } catch (RuntimeException e) {
                            System.err.println("drain: " + probe.name() + " probe failed: " + e);
                            Thread.sleep(500);
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    done.countDown();
                }
            }, "drain-" + probe.name());
            t.setDaemon(true);
            t.start();
        }
        done.await();
        synchronized (seconds) {
            return new Result(new LinkedHashMap<>(seconds), new LinkedHashMap<>(missing));
        }
    }
}
