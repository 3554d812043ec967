package io.chariot.load;

import org.HdrHistogram.Histogram;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Write-to-read visibility: PUT /asset at a moderate, fixed rate from one thread; for each 200 answer, the time
 * until the asset can be read directly from each store, and until it is in all three. One poller thread per store
 * asks for every not-yet-seen sample in one batched request every {@code pollInterval}; a sample counts as visible
 * when the answer that contains it arrives, so the figures include up to one poll interval plus one probe round trip.
 */
final class VisibilityLag {

    /** Sends one PUT for {@code sequence}; returns the asset key on a 2xx answer, null otherwise. */
    @FunctionalInterface
    interface Writer {
        String put(long sequence) throws Exception;
    }

    private static final class Sample {
        final String key;
        final long ackNanos;
        final long[] seenNanos;

        Sample(String key, long ackNanos, int stores) {
            this.key = key;
            this.ackNanos = ackNanos;
            this.seenNanos = new long[stores];
        }
    }

    record Result(int sent, int acknowledged, int complete, double rate, Map<String, Histogram> byStore,
                  Histogram allStores, Map<String, Integer> missing, CpuAccounting.Usage cpu) {
    }

    private VisibilityLag() {
    }

    static Result run(Writer writer, long firstSequence, List<ReadStores.Probe> probes, int samples, double rate,
                      Duration pollInterval, Duration timeout) throws InterruptedException {
        List<Sample> all = new CopyOnWriteArrayList<>();
        int stores = probes.size();
        AtomicBoolean sending = new AtomicBoolean(true);
        CountDownLatch pollersDone = new CountDownLatch(stores);
        AtomicLong deadline = new AtomicLong(Long.MAX_VALUE);
        CpuAccounting.Snapshot cpu0 = CpuAccounting.snapshot();
        for (int p = 0; p < stores; p++) {
            int store = p;
            ReadStores.Probe probe = probes.get(p);
            Thread poller = new Thread(() -> {
                try {
                    while (true) {
                        List<Sample> pending = new ArrayList<>();
                        for (Sample s : all) {
                            if (s.seenNanos[store] == 0) {
                                pending.add(s);
                            }
                        }
                        if (pending.isEmpty() && !sending.get()) {
                            return;
                        }
                        if (System.nanoTime() > deadline.get()) {
                            return;
                        }
                        if (!pending.isEmpty()) {
                            try {
                                Set<String> visible = probe.visible(pending.stream().map(s -> s.key).toList());
                                long now = System.nanoTime();
                                for (Sample s : pending) {
                                    if (visible.contains(s.key)) {
                                        s.seenNanos[store] = now;
                                    }
                                }
                            } catch (RuntimeException e) {
                                System.err.println("visibility: " + probe.name() + " probe failed: " + e);
                            }
                        }
                        LockSupport.parkNanos(pollInterval.toNanos());
                    }
                } finally {
                    pollersDone.countDown();
                }
            }, "lag-poll-" + probe.name());
            poller.setDaemon(true);
            poller.start();
        }

        long intervalNanos = (long) (1e9 / rate);
        long start = System.nanoTime();
        int sent = 0;
        for (int i = 0; i < samples; i++) {
            long due = start + i * intervalNanos;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            sent++;
            try {
                String key = writer.put(firstSequence + i);
                long ack = System.nanoTime();
                if (key != null) {
                    all.add(new Sample(key, ack, stores));
                }
            } catch (Exception e) {
                System.err.println("visibility: PUT failed: " + e);
            }
        }
        deadline.set(System.nanoTime() + timeout.toNanos());
        sending.set(false);
        pollersDone.await();
        CpuAccounting.Usage cpu = CpuAccounting.since(cpu0);

        Map<String, Histogram> byStore = new LinkedHashMap<>();
        Map<String, Integer> missing = new LinkedHashMap<>();
        for (ReadStores.Probe probe : probes) {
            byStore.put(probe.name(), LoadRunner.histogram());
            missing.put(probe.name(), 0);
        }
        Histogram allStores = LoadRunner.histogram();
        int complete = 0;
        for (Sample s : all) {
            long last = 0;
            boolean everywhere = true;
            for (int p = 0; p < stores; p++) {
                String name = probes.get(p).name();
                if (s.seenNanos[p] == 0) {
                    everywhere = false;
                    missing.merge(name, 1, Integer::sum);
                    continue;
                }
                long micros = Math.max(1, (s.seenNanos[p] - s.ackNanos) / 1000);
                byStore.get(name).recordValue(Math.min(micros, LoadRunner.HIGHEST_MICROS));
                last = Math.max(last, micros);
            }
            if (everywhere) {
                complete++;
                allStores.recordValue(Math.min(last, LoadRunner.HIGHEST_MICROS));
            }
        }
        return new Result(sent, all.size(), complete, rate, byStore, allStores, missing, cpu);
    }
}
