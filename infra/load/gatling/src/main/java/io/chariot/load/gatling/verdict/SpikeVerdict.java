package io.chariot.load.gatling.verdict;

import io.chariot.load.gatling.verdict.LatencyTimeline.Window;

import java.util.Locale;
import java.util.OptionalLong;

/**
 * Whether a spike left the platform as it found it. The base phase (after its first {@link #settleSeconds}) sets the
 * bar: p99 within {@code p99Factor} times the base p99 or {@code p99FloorMs} above it, whichever is higher, and
 * failures within {@code failedPercentSlack} points of the base's. The platform recovered when the second half of
 * the phase after the spike meets the bar and answers still come in its last {@code windowSeconds} (a stall is no
 * recovery); it recovered {@code N} seconds after the spike when everything answered from then until the end,
 * merged, meets the bar.
 */
public final class SpikeVerdict {

    public record Phases(long spikeStartSecond, long spikeEndSecond, long endSecond) {

        public Phases {
            if (!(0 < spikeStartSecond && spikeStartSecond < spikeEndSecond && spikeEndSecond < endSecond)) {
                throw new IllegalArgumentException("phases must be base < spike < recovery, each longer than 0 s");
            }
        }
    }

    public record Limits(double p99Factor, double p99FloorMs, double failedPercentSlack, int windowSeconds) {

        public static Limits defaults() {
            return new Limits(2.0, 50, 1.0, 5);
        }
    }

    public record Result(Window base, Window spike, Window tail, double p99BoundMs, double failedBoundPercent,
                         boolean recovered, OptionalLong recoveredAfterSeconds) {

        public String line() {
            String figures = String.format(Locale.ROOT,
                    "base p99 %s, %.2f%% failed; spike p99 %s, %.2f%% failed; after p99 %s, %.2f%% failed (bar p99 ≤ %.0f ms, ≤ %.2f%% failed)",
                    ms(base.p99Ms()), base.failedPercent(), ms(spike.p99Ms()), spike.failedPercent(),
                    ms(tail.p99Ms()), tail.failedPercent(), p99BoundMs, failedBoundPercent);
            if (!recovered) {
                return "SPIKE VERDICT: FAIL — did not recover: " + figures;
            }
            return "SPIKE VERDICT: PASS — recovered" + (recoveredAfterSeconds.isPresent()
                    ? " " + recoveredAfterSeconds.getAsLong() + " s after the spike" : "") + ": " + figures;
        }

        private static String ms(double v) {
            return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.0f ms", v);
        }
    }

    /** The start of the base phase not judged: connections open and the JIT warms up there. */
    static long settleSeconds(Phases p) {
        return Math.min(10, p.spikeStartSecond() / 3);
    }

    private SpikeVerdict() {
    }

    public static Result judge(LatencyTimeline perSecond, Phases p, Limits limits) {
        Window base = perSecond.between(settleSeconds(p), p.spikeStartSecond());
        Window spike = perSecond.between(p.spikeStartSecond(), p.spikeEndSecond());
        long tailFrom = p.spikeEndSecond() + (p.endSecond() - p.spikeEndSecond()) / 2;
        Window tail = perSecond.between(tailFrom, p.endSecond());
        double baseP99 = Double.isNaN(base.p99Ms()) ? 0 : base.p99Ms();
        double p99Bound = Math.max(baseP99 * limits.p99Factor(), baseP99 + limits.p99FloorMs());
        double failedBound = base.failedPercent() + limits.failedPercentSlack();

        // the tail as a whole, and answers still coming in its last window: a stall at the end is no recovery
        Window last = perSecond.between(p.endSecond() - limits.windowSeconds(), p.endSecond());
        boolean recovered = meets(tail, p99Bound, failedBound) && last.requests() > 0;
        OptionalLong after = recovered ? recoveredAfter(perSecond, p, p99Bound, failedBound) : OptionalLong.empty();
        return new Result(base, spike, tail, p99Bound, failedBound, recovered, after);
    }

    /**
     * Seconds from the spike's end to the first second from which everything answered until the end meets the bar
     * (merged, so that one noisy window late in the run does not move the answer by minutes).
     */
    static OptionalLong recoveredAfter(LatencyTimeline perSecond, Phases p, double p99Bound, double failedBound) {
        for (long s = p.spikeEndSecond(); s < p.endSecond(); s++) {
            if (meets(perSecond.between(s, p.endSecond()), p99Bound, failedBound)) {
                return OptionalLong.of(s - p.spikeEndSecond());
            }
        }
        return OptionalLong.empty();
    }

    private static boolean meets(Window w, double p99Bound, double failedBound) {
        if (w.requests() == 0 || w.failedPercent() > failedBound) {
            return false;
        }
        return Double.isNaN(w.p99Ms()) || w.p99Ms() <= p99Bound;
    }
}
