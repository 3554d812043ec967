package io.chariot.load;

import io.chariot.load.StepSchedule.Kind;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Latencies of one step per request kind, each measured from the request's <em>intended</em> send time to its answer:
 * a request that could only start late carries its wait, as a user's would. Recorded from many threads at once.
 */
final class StepLatencies {

    /** Requests at least this slow are kept one by one, with when they were due, to find what stalled. */
    static final long SLOW_MICROS = 200_000;

    private final Map<Kind, Histogram> byKind = new EnumMap<>(Kind.class);
    private final ConcurrentLinkedQueue<Slow> slow = new ConcurrentLinkedQueue<>();
    /** Wall-clock epoch millis minus System.nanoTime in ms, so a due time prints as a time of day. */
    private final long wallOffsetMillis = System.currentTimeMillis() - System.nanoTime() / 1_000_000;

    /** One slow request: when it was due (wall clock) and how long it took from then. */
    record Slow(Kind kind, Instant due, long micros) {
    }

    StepLatencies() {
        for (Kind k : Kind.values()) {
            byKind.put(k, new ConcurrentHistogram(1, LoadRunner.HIGHEST_MICROS, 3));
        }
    }

    /** One answered request: due at {@code dueNanos}, answered at {@code doneNanos} (System.nanoTime). */
    void record(Kind kind, long dueNanos, long doneNanos) {
        long micros = (doneNanos - dueNanos) / 1000;
        byKind.get(kind).recordValue(Math.max(1, Math.min(micros, LoadRunner.HIGHEST_MICROS)));
        if (micros >= SLOW_MICROS) {
            slow.add(new Slow(kind, Instant.ofEpochMilli(wallOffsetMillis + dueNanos / 1_000_000), micros));
        }
    }

    /** The requests that took at least {@link #SLOW_MICROS}, in the order they were due. */
    List<Slow> slow() {
        List<Slow> all = new ArrayList<>(slow);
        all.sort(Comparator.comparing(Slow::due));
        return all;
    }

    long count(Kind kind) {
        return byKind.get(kind).getTotalCount();
    }

    double ms(Kind kind, double percentile) {
        return percentileMs(byKind.get(kind), percentile);
    }

    /** All commands (or all reads) together. */
    double ms(boolean writes, double percentile) {
        Histogram all = new Histogram(1, LoadRunner.HIGHEST_MICROS, 3);
        byKind.forEach((k, h) -> {
            if (k.write == writes) {
                all.add(h);
            }
        });
        return percentileMs(all, percentile);
    }

    long count(boolean writes) {
        return byKind.entrySet().stream().filter(e -> e.getKey().write == writes)
                .mapToLong(e -> e.getValue().getTotalCount()).sum();
    }

    /** The value at {@code percentile} in ms (HdrHistogram: the smallest recorded value at or above that share), NaN if empty. */
    static double percentileMs(Histogram micros, double percentile) {
        return micros.getTotalCount() == 0 ? Double.NaN : micros.getValueAtPercentile(percentile) / 1000.0;
    }
}
