package io.chariot.load.gatling.verdict;

import java.util.List;

/**
 * The trend of a time series: the least-squares slope (how fast it moves) and Kendall's tau (how steadily: +1 when
 * every later point is above every earlier one, about 0 for noise). A leak is a slope that matters <em>and</em> a
 * high tau; either alone is noise (a single jump, or a steady drift of a few bytes).
 */
public record Trend(double slopePerSecond, double tau, int points) {

    /** A value at a time, seconds since the run started. */
    public record Point(double second, double value) {
    }

    public static Trend of(List<Point> points) {
        int n = points.size();
        if (n < 2) {
            return new Trend(0, 0, n);
        }
        double meanX = 0;
        double meanY = 0;
        for (Point p : points) {
            meanX += p.second();
            meanY += p.value();
        }
        meanX /= n;
        meanY /= n;
        double sxy = 0;
        double sxx = 0;
        for (Point p : points) {
            sxy += (p.second() - meanX) * (p.value() - meanY);
            sxx += (p.second() - meanX) * (p.second() - meanX);
        }
        double slope = sxx == 0 ? 0 : sxy / sxx;
        return new Trend(slope, kendallTau(points), n);
    }

    /** Tau-a over the points in time order: (concordant − discordant) pairs ÷ all pairs; ties count as neither. */
    static double kendallTau(List<Point> points) {
        int n = points.size();
        long concordant = 0;
        long discordant = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double dx = Math.signum(points.get(j).second() - points.get(i).second());
                double dy = Math.signum(points.get(j).value() - points.get(i).value());
                double s = dx * dy;
                if (s > 0) {
                    concordant++;
                } else if (s < 0) {
                    discordant++;
                }
            }
        }
        long pairs = (long) n * (n - 1) / 2;
        return pairs == 0 ? 0 : (double) (concordant - discordant) / pairs;
    }

    /** Growth over {@code seconds} at the fitted slope. */
    public double over(double seconds) {
        return slopePerSecond * seconds;
    }
}
