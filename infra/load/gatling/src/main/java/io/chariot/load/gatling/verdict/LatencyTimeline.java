package io.chariot.load.gatling.verdict;

import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every request of a run in time buckets (a second for the spike, a minute for the soak): answered latencies in an
 * HdrHistogram, failures counted. Failures are answers that failed a check and requests without an answer (refused,
 * timed out); the latter have no latency. Thread-safe: Gatling's threads record, the verdict reads at the end. Memory
 * is one small histogram per bucket, so a 24-hour soak in minutes holds 1,440 of them.
 */
public final class LatencyTimeline {

    /** Latencies above this (ms) are clamped: a two-minute answer is as bad as a longer one for every verdict. */
    static final long MAX_MS = 120_000;

    /** One bucket's figures; percentiles are NaN when nothing was answered in it. */
    public record Window(long startSecond, long ok, long failed, double p50Ms, double p99Ms, double maxMs) {

        public long requests() {
            return ok + failed;
        }

        public double failedPercent() {
            return requests() == 0 ? 0 : 100.0 * failed / requests();
        }
    }

    private volatile long startMillis;
    private final long bucketMillis;
    private final Map<Long, Bucket> buckets = new TreeMap<>();

    public LatencyTimeline(long startMillis, long bucketSeconds) {
        if (bucketSeconds < 1) {
            throw new IllegalArgumentException("bucket must be at least a second");
        }
        this.startMillis = startMillis;
        this.bucketMillis = bucketSeconds * 1000;
    }

    /** Time zero (epoch ms): a simulation built before its load starts sets it when the load starts. */
    public void startAt(long epochMillis) {
        this.startMillis = epochMillis;
    }

    /**
     * One request that ended at {@code endMillis} (epoch): {@code latencyMs} null when no answer came, {@code ok}
     * false when it failed.
     */
    public void record(long endMillis, Long latencyMs, boolean ok) {
        long index = Math.max(0, (endMillis - startMillis) / bucketMillis);
        Bucket b;
        synchronized (buckets) {
            b = buckets.computeIfAbsent(index, i -> new Bucket());
        }
        b.add(latencyMs, ok);
    }

    /** Every bucket from the first to the last recorded, empty ones included (a stall shows as a gap of zeros). */
    public List<Window> windows() {
        List<Window> out = new ArrayList<>();
        synchronized (buckets) {
            if (buckets.isEmpty()) {
                return out;
            }
            long last = ((TreeMap<Long, Bucket>) buckets).lastKey();
            for (long i = 0; i <= last; i++) {
                Bucket b = buckets.get(i);
                out.add(b == null ? new Window(i * bucketMillis / 1000, 0, 0, Double.NaN, Double.NaN, Double.NaN)
                        : b.window(i * bucketMillis / 1000));
            }
        }
        return out;
    }

    /** Wider windows of {@code widthSeconds} (a multiple of the bucket), each the merge of its buckets. */
    public List<Window> windows(long widthSeconds) {
        if (widthSeconds * 1000 % bucketMillis != 0) {
            throw new IllegalArgumentException("width must be a multiple of the bucket");
        }
        List<Window> out = new ArrayList<>();
        List<Window> all = windows();
        if (all.isEmpty()) {
            return out;
        }
        long end = all.get(all.size() - 1).startSecond() + bucketMillis / 1000;
        for (long from = 0; from < end; from += widthSeconds) {
            out.add(between(from, from + widthSeconds));
        }
        return out;
    }

    /** The figures of all buckets starting in [fromSecond, toSecond), merged. */
    public Window between(long fromSecond, long toSecond) {
        Histogram merged = new Histogram(MAX_MS, 2);
        long ok = 0;
        long failed = 0;
        synchronized (buckets) {
            for (var e : buckets.entrySet()) {
                long start = e.getKey() * bucketMillis / 1000;
                if (start >= fromSecond && start < toSecond) {
                    synchronized (e.getValue()) {
                        merged.add(e.getValue().latencies);
                        ok += e.getValue().ok;
                        failed += e.getValue().failed;
                    }
                }
            }
        }
        return Bucket.window(fromSecond, ok, failed, merged);
    }

    private static final class Bucket {
        private final Histogram latencies = new Histogram(MAX_MS, 2);
        private long ok;
        private long failed;

        synchronized void add(Long latencyMs, boolean success) {
            if (latencyMs != null) {
                latencies.recordValue(Math.max(0, Math.min(MAX_MS, latencyMs)));
            }
            if (success) {
                ok++;
            } else {
                failed++;
            }
        }

        synchronized Window window(long startSecond) {
            return window(startSecond, ok, failed, latencies);
        }

        static Window window(long startSecond, long ok, long failed, Histogram h) {
            if (h.getTotalCount() == 0) {
                return new Window(startSecond, ok, failed, Double.NaN, Double.NaN, Double.NaN);
            }
            return new Window(startSecond, ok, failed, h.getValueAtPercentile(50), h.getValueAtPercentile(99),
                    h.getMaxValue());
        }
    }
}
