package io.chariot.load;

import io.chariot.load.StepSchedule.Kind;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

import java.util.EnumMap;
import java.util.Map;

/**
 * Latencies of one step per request kind, each measured from the request's <em>intended</em> send time to its answer:
 * a request that could only start late carries its wait, as a user's would. Recorded from many threads at once.
 */
final class StepLatencies {

    private final Map<Kind, Histogram> byKind = new EnumMap<>(Kind.class);

    StepLatencies() {
        for (Kind k : Kind.values()) {
            byKind.put(k, new ConcurrentHistogram(1, LoadRunner.HIGHEST_MICROS, 3));
        }
    }

    /** One answered request: due at {@code dueNanos}, answered at {@code doneNanos} (System.nanoTime). */
    void record(Kind kind, long dueNanos, long doneNanos) {
        long micros = (doneNanos - dueNanos) / 1000;
        byKind.get(kind).recordValue(Math.max(1, Math.min(micros, LoadRunner.HIGHEST_MICROS)));
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
