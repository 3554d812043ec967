package io.chariot.load.gatling.verdict;

import io.chariot.load.gatling.verdict.LatencyTimeline.Window;
import io.chariot.load.gatling.verdict.Trend.Point;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The soak's verdict from what was sampled over the run. It fails when
 * <ul>
 *   <li>more than {@code maxFailedPercent} of the requests failed (or none was made);</li>
 *   <li>the heap grows steadily: the post-major-GC live data when it took at least three values after the
 *       warm-up; otherwise the used heap sampled right after each fall (the floor of the saw-tooth: what the young
 *       collections could not free), when there are {@link #MIN_POINTS} of them; otherwise the minimum of each
 *       window of {@code heapWindowSeconds} — rises by more than {@code maxHeapGrowthBytes} over the judged span at the
 *       fitted slope, with Kendall's tau of at least {@code minTau};</li>
 *   <li>a store's projection lag grows steadily: fitted growth over the judged span above {@code lagTolerance}
 *       events, with tau of at least {@code minTau};</li>
 *   <li>latency drifts: the last judged minute's p99 is above {@code latencyFactor} times the first's and more than
 *       {@code latencyFloorMs} above it, with the per-minute p99 series' tau of at least {@code minTau};</li>
 *   <li>there is too little after the warm-up to judge heap or lag (fewer than {@link #MIN_POINTS} points): a soak
 *       that cannot tell must not pass.</li>
 * </ul>
 * The first {@code warmupFraction} of the run is not judged for drift: caches, pools and the JIT fill the heap
 * there, and a projection's first batches lag.
 */
public final class SoakVerdict {

    public static final int MIN_POINTS = 4;
    private static final double MIB = 1024.0 * 1024.0;

    public record Limits(double maxFailedPercent, double warmupFraction, double minTau, double maxHeapGrowthBytes,
                         double heapWindowSeconds, long lagTolerance, double latencyFactor, double latencyFloorMs) {

        /**
         * Defaults for a run: 1 % failures, a fifth of the run as warm-up, tau 0.6, heap growth of 5 % of the maximum
         * heap (64 MiB when the maximum is unknown), heap windows of a tenth of the run (15 s to 10 min), a lag
         * tolerance of half a second of the offered rate but at least 100 events, latency 2x and 50 ms.
         */
        public static Limits defaults(double durationSeconds, double heapMaxBytes, double requestsPerSecond) {
            double growth = heapMaxBytes > 0 ? heapMaxBytes * 0.05 : 64 * MIB;
            double window = Math.min(600, Math.max(15, durationSeconds / 10));
            long lag = Math.max(100, Math.round(requestsPerSecond / 2));
            return new Limits(1.0, 0.2, 0.6, growth, window, lag, 2.0, 50);
        }
    }

    /**
     * What the run sampled. Times are seconds since the start of the load; {@code heapMaxBytes} is ≤ 0 when unknown;
     * {@code liveData} is Micrometer's {@code jvm.gc.live.data.size} (it only changes at a major collection).
     */
    public record Series(double durationSeconds, List<Window> minutes, List<Point> heapUsed, double heapMaxBytes,
                         List<Point> liveData, Map<String, List<Point>> lagByStore) {
    }

    public record Verdict(boolean passed, List<String> failures, List<String> findings) {

        /** The one line: PASS or FAIL and why. */
        public String line() {
            return "SOAK VERDICT: " + (passed ? "PASS — " + String.join("; ", findings)
                    : "FAIL — " + String.join("; ", failures));
        }
    }

    private SoakVerdict() {
    }

    public static Verdict judge(Series s, Limits limits) {
        List<String> failures = new ArrayList<>();
        List<String> findings = new ArrayList<>();
        double judgedFrom = s.durationSeconds() * limits.warmupFraction();

        errors(s.minutes(), limits, failures, findings);
        latency(s.minutes(), judgedFrom, s.durationSeconds(), limits, failures, findings);
        heap(s, judgedFrom, limits, failures, findings);
        lag(s.lagByStore(), judgedFrom, limits, failures, findings);
        return new Verdict(failures.isEmpty(), List.copyOf(failures), List.copyOf(findings));
    }

    private static void errors(List<Window> minutes, Limits limits, List<String> failures, List<String> findings) {
        long ok = minutes.stream().mapToLong(Window::ok).sum();
        long failed = minutes.stream().mapToLong(Window::failed).sum();
        if (ok + failed == 0) {
            failures.add("no request was made");
            return;
        }
        double pct = 100.0 * failed / (ok + failed);
        String text = fmt("errors %.2f%% of %d requests", pct, ok + failed);
        if (pct > limits.maxFailedPercent()) {
            failures.add(text + fmt(" (limit %.1f%%)", limits.maxFailedPercent()));
        } else {
            findings.add(text);
        }
    }

    private static void latency(List<Window> minutes, double judgedFrom, double duration, Limits limits,
                                List<String> failures, List<String> findings) {
        List<Point> p99 = new ArrayList<>();
        for (Window w : minutes) {
            // a window starting after the load ended holds only its last answers: no minute of the run
            if (w.startSecond() >= judgedFrom && w.startSecond() < duration && !Double.isNaN(w.p99Ms())) {
                p99.add(new Point(w.startSecond(), w.p99Ms()));
            }
        }
        if (p99.size() < 2) {
            findings.add("latency: fewer than two minutes after warm-up, no drift judged");
            return;
        }
        double first = p99.get(0).value();
        double last = p99.get(p99.size() - 1).value();
        Trend t = Trend.of(p99);
        String text = fmt("p99 %.0f → %.0f ms per minute (tau %.2f)", first, last, t.tau());
        if (p99.size() >= MIN_POINTS && t.tau() >= limits.minTau() && last > first * limits.latencyFactor()
                && last - first > limits.latencyFloorMs()) {
            failures.add("latency drifts: " + text);
        } else {
            findings.add(text);
        }
    }

    private static void heap(Series s, double judgedFrom, Limits limits, List<String> failures, List<String> findings) {
        List<Point> majors = distinctChanges(after(s.liveData(), judgedFrom));
        List<Point> basis;
        String basisName;
        if (majors.size() >= 3) {
            basis = majors;
            basisName = "post-major-GC live data";
        } else if (afterDrops(after(s.heapUsed(), judgedFrom)).size() >= MIN_POINTS) {
            basis = afterDrops(after(s.heapUsed(), judgedFrom));
            basisName = "heap after each collection";
        } else {
            basis = windowMinima(after(s.heapUsed(), judgedFrom), judgedFrom, limits.heapWindowSeconds());
            basisName = fmt("minima of %.0f s windows", limits.heapWindowSeconds());
        }
        if (basis.size() < MIN_POINTS) {
            failures.add(fmt("heap: only %d points after warm-up (%s), need %d to judge", basis.size(), basisName,
                    MIN_POINTS));
            return;
        }
        Trend t = Trend.of(basis);
        double span = basis.get(basis.size() - 1).second() - basis.get(0).second();
        double growth = t.over(span);
        String text = fmt("heap %+.1f MiB over %.0f s (%+.0f MiB/h, tau %.2f, %s; from %.0f MiB)", growth / MIB, span,
                t.slopePerSecond() * 3600 / MIB, t.tau(), basisName, basis.get(0).value() / MIB);
        if (t.tau() >= limits.minTau() && growth > limits.maxHeapGrowthBytes()) {
            failures.add("heap grows steadily (leak?): " + text + fmt(", limit %.0f MiB", limits.maxHeapGrowthBytes() / MIB));
        } else {
            findings.add(text);
        }
    }

    private static void lag(Map<String, List<Point>> lagByStore, double judgedFrom, Limits limits,
                            List<String> failures, List<String> findings) {
        if (lagByStore.isEmpty()) {
            failures.add("lag: no sample of the projections' lag");
            return;
        }
        List<String> flat = new ArrayList<>();
        for (var e : new TreeMap<>(lagByStore).entrySet()) {
            List<Point> points = after(e.getValue(), judgedFrom);
            if (points.size() < MIN_POINTS) {
                failures.add(fmt("lag of %s: only %d samples after warm-up, need %d", e.getKey(), points.size(),
                        MIN_POINTS));
                continue;
            }
            Trend t = Trend.of(points);
            double span = points.get(points.size() - 1).second() - points.get(0).second();
            double growth = t.over(span);
            double max = points.stream().mapToDouble(Point::value).max().orElse(0);
            if (t.tau() >= limits.minTau() && growth > limits.lagTolerance()) {
                failures.add(fmt("%s lag grows: %+.0f events over %.0f s (tau %.2f, max %.0f, tolerance %d)",
                        e.getKey(), growth, span, t.tau(), max, limits.lagTolerance()));
            } else {
                flat.add(fmt("%s max %.0f", e.getKey(), max));
            }
        }
        if (!flat.isEmpty()) {
            findings.add("lag steady (" + String.join(", ", flat) + ")");
        }
    }

    /**
     * The samples right after the used heap fell: a collection ran since the sample before, so each is the floor
     * the collection left plus what was allocated since (at most one sampling interval's worth).
     */
    static List<Point> afterDrops(List<Point> samples) {
        List<Point> out = new ArrayList<>();
        for (int i = 1; i < samples.size(); i++) {
            if (samples.get(i).value() < samples.get(i - 1).value()) {
                out.add(samples.get(i));
            }
        }
        return out;
    }

    /** The lowest sample of each window of {@code windowSeconds} from {@code from}, at the time it was taken. */
    static List<Point> windowMinima(List<Point> samples, double from, double windowSeconds) {
        Map<Long, Point> minima = new TreeMap<>();
        for (Point p : samples) {
            long w = (long) Math.floor((p.second() - from) / windowSeconds);
            minima.merge(w, p, (a, b) -> b.value() < a.value() ? b : a);
        }
        return List.copyOf(minima.values());
    }

    /**
     * The points whose value differs from the one before: one per major collection for live data, which stays 0
     * until the first (so zeros are skipped).
     */
    static List<Point> distinctChanges(List<Point> samples) {
        List<Point> out = new ArrayList<>();
        for (Point p : samples) {
            if (p.value() <= 0) {
                continue;
            }
            if (out.isEmpty() || out.get(out.size() - 1).value() != p.value()) {
                out.add(p);
            }
        }
        return out;
    }

    private static List<Point> after(List<Point> points, double from) {
        return points.stream().filter(p -> p.second() >= from).toList();
    }

    private static String fmt(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
