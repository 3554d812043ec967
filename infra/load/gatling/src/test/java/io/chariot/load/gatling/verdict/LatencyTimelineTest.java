package io.chariot.load.gatling.verdict;

import io.chariot.load.gatling.verdict.LatencyTimeline.Window;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LatencyTimelineTest {

    private static final long T0 = 1_700_000_000_000L;

    @Test
    void requestsFallIntoTheBucketOfTheirEndTimeAndGapsShowAsEmptyWindows() {
        LatencyTimeline t = new LatencyTimeline(T0, 1);
        t.record(T0 + 100, 10L, true);
        t.record(T0 + 900, 30L, false);
        t.record(T0 + 2_500, 20L, true);

        List<Window> w = t.windows();
        assertThat(w).hasSize(3);
        assertThat(w.get(0).ok()).isEqualTo(1);
        assertThat(w.get(0).failed()).isEqualTo(1);
        assertThat(w.get(0).maxMs()).isEqualTo(30);
        assertThat(w.get(1).requests()).isZero();
        assertThat(w.get(1).p99Ms()).isNaN();
        assertThat(w.get(2).startSecond()).isEqualTo(2);
    }

    @Test
    void aRequestWithoutAnAnswerCountsAsFailedWithoutALatency() {
        LatencyTimeline t = new LatencyTimeline(T0, 1);
        t.record(T0, null, false);
        Window w = t.between(0, 1);
        assertThat(w.failed()).isEqualTo(1);
        assertThat(w.failedPercent()).isEqualTo(100.0);
        assertThat(w.p50Ms()).isNaN();
    }

    @Test
    void betweenMergesTheBucketsOfARange() {
        LatencyTimeline t = new LatencyTimeline(T0, 1);
        for (int s = 0; s < 10; s++) {
            for (int i = 0; i < 99; i++) {
                t.record(T0 + s * 1000L, 10L, true);
            }
            t.record(T0 + s * 1000L, s < 5 ? 10L : 500L, true);
        }
        assertThat(t.between(0, 5).p99Ms()).isEqualTo(10);
        assertThat(t.between(5, 10).maxMs()).isBetween(495.0, 505.0);
        assertThat(t.between(0, 10).requests()).isEqualTo(1000);
    }

    @Test
    void widerWindowsMergeWholeBuckets() {
        LatencyTimeline t = new LatencyTimeline(T0, 1);
        for (int s = 0; s < 12; s++) {
            t.record(T0 + s * 1000L, 5L, true);
        }
        List<Window> fives = t.windows(5);
        assertThat(fives).extracting(Window::requests).containsExactly(5L, 5L, 2L);
        assertThat(fives).extracting(Window::startSecond).containsExactly(0L, 5L, 10L);
    }

    @Test
    void theStartCanBeSetWhenTheLoadBegins() {
        LatencyTimeline t = new LatencyTimeline(0, 60);
        t.startAt(T0);
        t.record(T0 + 61_000, 1L, true);
        assertThat(t.windows()).extracting(Window::requests).containsExactly(0L, 1L);
    }
}
