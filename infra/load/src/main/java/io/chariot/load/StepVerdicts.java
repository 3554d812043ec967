package io.chariot.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The rule of the {@code steps} phase (issue 14): a step passes when the command p99 is under the write limit, the
 * read p99 under the read limit, no store's lag grows across the step and (so that fast failures cannot pass) at most
 * a small share of the requests failed or could not be started. The sustainable rate is the highest step that passed.
 */
final class StepVerdicts {

    record Limits(double writeP99Ms, double readP99Ms, double maxFailedPercent, int stopAfterFailures) {
    }

    /** Events not yet applied by one store's projections, sampled at the start, middle and end of a step. */
    record Lag(long start, long middle, long end) {

        /**
         * Growing: the end is above the start by more than {@code tolerance} and the second half did not shrink it.
         * The tolerance absorbs the saw-tooth of batched processing; a backlog that builds up exceeds it.
         */
        boolean grows(long tolerance) {
            return end - start > tolerance && end >= middle;
        }
    }

    /** Lag samples jitter by about one batch; half a second of the offered rate, at least 100 events, is noise. */
    static long tolerance(int rate) {
        return Math.max(100, rate / 2);
    }

    record Verdict(boolean passed, List<String> reasons) {
    }

    private StepVerdicts() {
    }

    static Verdict judge(double writeP99Ms, double readP99Ms, double failedPercent, Map<String, Boolean> lagGrows,
                         Limits limits) {
        List<String> reasons = new ArrayList<>();
        if (!(writeP99Ms < limits.writeP99Ms())) {
            reasons.add(Double.isNaN(writeP99Ms) ? "no command answered"
                    : String.format(Locale.ROOT, "write p99 %.0f ms >= %.0f", writeP99Ms, limits.writeP99Ms()));
        }
        if (!(readP99Ms < limits.readP99Ms())) {
            reasons.add(Double.isNaN(readP99Ms) ? "no read answered"
                    : String.format(Locale.ROOT, "read p99 %.0f ms >= %.0f", readP99Ms, limits.readP99Ms()));
        }
        if (failedPercent > limits.maxFailedPercent()) {
            reasons.add(String.format(Locale.ROOT, "%.1f%% failed or not started", failedPercent));
        }
        lagGrows.forEach((store, grows) -> {
            if (grows) {
                reasons.add(store + " lag grows");
            }
        });
        return new Verdict(reasons.isEmpty(), List.copyOf(reasons));
    }

    /** The highest rate that passed, if any did. */
    static OptionalInt sustainable(List<Integer> rates, List<Boolean> passed) {
        OptionalInt best = OptionalInt.empty();
        for (int i = 0; i < rates.size(); i++) {
            if (passed.get(i) && (best.isEmpty() || rates.get(i) > best.getAsInt())) {
                best = OptionalInt.of(rates.get(i));
            }
        }
        return best;
    }

    /** Whether to stop: the last {@code consecutive} steps all failed. */
    static boolean stop(List<Boolean> passed, int consecutive) {
        if (passed.size() < consecutive) {
            return false;
        }
        return passed.subList(passed.size() - consecutive, passed.size()).stream().noneMatch(p -> p);
    }
}
