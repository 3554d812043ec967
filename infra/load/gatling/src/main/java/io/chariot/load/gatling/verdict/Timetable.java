package io.chariot.load.gatling.verdict;

import io.chariot.load.gatling.verdict.LatencyTimeline.Window;
import io.chariot.load.gatling.verdict.Trend.Point;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The run over time as a text table: per window requests, failures, p50/p99, and (when sampled) lowest heap and highest lag per store. */
public final class Timetable {

    private Timetable() {
    }

    public static String render(List<Window> windows, long windowSeconds, List<Point> heap,
                                Map<String, List<Point>> lag) {
        StringBuilder sb = new StringBuilder();
        boolean withHeap = !heap.isEmpty();
        sb.append(String.format(Locale.ROOT, "%8s %9s %8s %8s %8s", "from s", "requests", "failed", "p50 ms", "p99 ms"));
        if (withHeap) {
            sb.append(String.format(Locale.ROOT, " %10s", "heap min"));
        }
        lag.keySet().forEach(store -> sb.append(String.format(Locale.ROOT, " %12s", "lag " + store)));
        sb.append('\n');
        for (Window w : windows) {
            long from = w.startSecond();
            long to = from + windowSeconds;
            sb.append(String.format(Locale.ROOT, "%8d %9d %7.2f%% %8s %8s", from, w.requests(), w.failedPercent(),
                    num(w.p50Ms()), num(w.p99Ms())));
            if (withHeap) {
                sb.append(String.format(Locale.ROOT, " %10s", mib(heap.stream()
                        .filter(p -> p.second() >= from && p.second() < to)
                        .mapToDouble(Point::value).min().orElse(Double.NaN))));
            }
            lag.values().forEach(points -> sb.append(String.format(Locale.ROOT, " %12s",
                    num(points.stream().filter(p -> p.second() >= from && p.second() < to)
                            .mapToDouble(Point::value).max().orElse(Double.NaN)))));
            sb.append('\n');
        }
        return sb.toString();
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.0f", v);
    }

    private static String mib(double bytes) {
        return Double.isNaN(bytes) ? "-" : String.format(Locale.ROOT, "%.0f MiB", bytes / (1024.0 * 1024.0));
    }
}
