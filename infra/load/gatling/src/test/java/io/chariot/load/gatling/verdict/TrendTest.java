package io.chariot.load.gatling.verdict;

import io.chariot.load.gatling.verdict.Trend.Point;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class TrendTest {

    @Test
    void aSteadilyRisingSeriesHasItsSlopeAndATauOfOne() {
        List<Point> points = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            points.add(new Point(i * 10, 100 + 2.0 * i * 10));
        }
        Trend t = Trend.of(points);
        assertThat(t.slopePerSecond()).isCloseTo(2.0, within(1e-9));
        assertThat(t.tau()).isEqualTo(1.0);
        assertThat(t.over(60)).isCloseTo(120, within(1e-9));
    }

    @Test
    void anAlternatingSeriesHasNoSteadyTrend() {
        List<Point> points = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            points.add(new Point(i, i % 2 == 0 ? 100 : 200));
        }
        Trend t = Trend.of(points);
        assertThat(Math.abs(t.tau())).isLessThan(0.2);
        assertThat(Math.abs(t.slopePerSecond())).isLessThan(5);
    }

    @Test
    void aFallingSeriesHasANegativeTauAndSlope() {
        Trend t = Trend.of(List.of(new Point(0, 9), new Point(1, 7), new Point(2, 4), new Point(3, 1)));
        assertThat(t.tau()).isEqualTo(-1.0);
        assertThat(t.slopePerSecond()).isNegative();
    }

    @Test
    void fewerThanTwoPointsHaveNoTrend() {
        assertThat(Trend.of(List.of(new Point(0, 5)))).isEqualTo(new Trend(0, 0, 1));
    }
}
