package io.chariot.load.gatling.verdict;

import io.chariot.load.gatling.verdict.LatencyTimeline.Window;
import io.chariot.load.gatling.verdict.SoakVerdict.Limits;
import io.chariot.load.gatling.verdict.SoakVerdict.Series;
import io.chariot.load.gatling.verdict.SoakVerdict.Verdict;
import io.chariot.load.gatling.verdict.Trend.Point;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntToDoubleFunction;

import static org.assertj.core.api.Assertions.assertThat;

class SoakVerdictTest {

    private static final double MIB = 1024 * 1024;
    private static final double DURATION = 600;
    private static final double HEAP_MAX = 1024 * MIB;
    private static final Limits LIMITS = Limits.defaults(DURATION, HEAP_MAX, 20);

    /** Ten minutes, 1,000 requests a minute with the given failures and p99. */
    private static List<Window> minutes(int failedPerMinute, IntToDoubleFunction p99) {
        List<Window> out = new ArrayList<>();
        for (int m = 0; m < 10; m++) {
            out.add(new Window(m * 60L, 1000 - failedPerMinute, failedPerMinute, 20, p99.applyAsDouble(m), 300));
        }
        return out;
    }

    /** A sample every 5 s: a young-GC saw-tooth over a floor given per second. */
    private static List<Point> sawtooth(IntToDoubleFunction floor) {
        List<Point> out = new ArrayList<>();
        for (int s = 0; s <= DURATION; s += 5) {
            out.add(new Point(s, floor.applyAsDouble(s) + (s % 30) * 4 * MIB));
        }
        return out;
    }

    private static List<Point> every5s(IntToDoubleFunction value) {
        List<Point> out = new ArrayList<>();
        for (int s = 0; s <= DURATION; s += 5) {
            out.add(new Point(s, value.applyAsDouble(s)));
        }
        return out;
    }

    private static Series series(List<Window> minutes, List<Point> heap, List<Point> liveData,
                                 Map<String, List<Point>> lag) {
        return new Series(DURATION, minutes, heap, HEAP_MAX, liveData, lag);
    }

    private static final Map<String, List<Point>> FLAT_LAG = Map.of(
            "dynamodb", every5s(s -> s % 15 == 0 ? 40 : 0), "neo4j", every5s(s -> 5));

    @Test
    void aSteadyRunPassesWithItsFiguresOnOneLine() {
        Verdict v = SoakVerdict.judge(series(minutes(1, m -> 80), sawtooth(s -> 200 * MIB), List.of(), FLAT_LAG),
                LIMITS);

        assertThat(v.passed()).isTrue();
        assertThat(v.line()).startsWith("SOAK VERDICT: PASS — errors 0.10% of 10000 requests")
                .contains("p99 80 → 80 ms").contains("heap after each collection").contains("lag steady");
    }

    @Test
    void aHeapWhoseFloorRisesSteadilyFailsAsALeak() {
        // the floor gains 20 MiB a minute: 160 MiB over the judged eight minutes, limit 5 % of 1 GiB = 51 MiB
        Verdict v = SoakVerdict.judge(series(minutes(0, m -> 80),
                sawtooth(s -> 200 * MIB + s / 60.0 * 20 * MIB), List.of(), FLAT_LAG), LIMITS);

        assertThat(v.passed()).isFalse();
        assertThat(v.failures()).singleElement().asString().startsWith("heap grows steadily (leak?)");
        assertThat(v.line()).startsWith("SOAK VERDICT: FAIL — heap grows steadily");
    }

    @Test
    void aSlowSteadyDriftBelowTheGrowthLimitIsNotALeak() {
        Verdict v = SoakVerdict.judge(series(minutes(0, m -> 80),
                sawtooth(s -> 200 * MIB + s / 60.0 * 2 * MIB), List.of(), FLAT_LAG), LIMITS);

        assertThat(v.passed()).isTrue();
    }

    @Test
    void withoutAVisibleCollectionTheWindowMinimaAreJudged() {
        // a heap that only climbs between samples (no fall seen): 30 MiB a minute
        Verdict v = SoakVerdict.judge(series(minutes(0, m -> 80), every5s(s -> 200 * MIB + s / 60.0 * 30 * MIB),
                List.of(), FLAT_LAG), LIMITS);

        assertThat(v.failures()).singleElement().asString().contains("minima of 60 s windows");
    }

    @Test
    void theSamplesRightAfterAFallAreTheFloor() {
        List<Point> samples = List.of(new Point(0, 10), new Point(5, 50), new Point(10, 12), new Point(15, 60),
                new Point(20, 61), new Point(25, 14));
        assertThat(SoakVerdict.afterDrops(samples)).containsExactly(new Point(10, 12), new Point(25, 14));
    }

    @Test
    void postMajorGcLiveDataIsJudgedInsteadOfTheFloorWhenItTookThreeValues() {
        // the used heap's floor climbs (promoted garbage waiting for a full GC), but each full GC finds the same
        // live set give or take a few MiB: no leak
        List<Point> live = every5s(s -> s < 120 ? 0 : (150 + (s / 100) % 2 * 3) * MIB);
        Verdict v = SoakVerdict.judge(series(minutes(0, m -> 80),
                sawtooth(s -> 200 * MIB + s / 60.0 * 20 * MIB), live, FLAT_LAG), LIMITS);

        assertThat(v.passed()).isTrue();
        assertThat(v.line()).contains("post-major-GC live data");
    }

    @Test
    void liveDataThatGrowsAtEveryMajorGcFails() {
        List<Point> live = every5s(s -> (100 + 20 * (s / 60)) * MIB);
        Verdict v = SoakVerdict.judge(series(minutes(0, m -> 80), sawtooth(s -> 300 * MIB), live, FLAT_LAG), LIMITS);

        assertThat(v.failures()).singleElement().asString().contains("post-major-GC live data");
    }

    @Test
    void aGrowingLagFailsAndNamesTheStore() {
        Map<String, List<Point>> lag = Map.of("dynamodb", every5s(s -> 5), "neo4j", every5s(s -> s * 3.0));
        Verdict v = SoakVerdict.judge(series(minutes(0, m -> 80), sawtooth(s -> 200 * MIB), List.of(), lag), LIMITS);

        assertThat(v.passed()).isFalse();
        assertThat(v.failures()).singleElement().asString().startsWith("neo4j lag grows");
    }

    @Test
    void aLagThatBuildsDuringWarmUpAndThenDrainsPasses() {
        Map<String, List<Point>> lag = Map.of("neo4j", every5s(s -> s < 120 ? s * 10.0 : Math.max(0, 1200 - (s - 120) * 20.0)));
        Verdict v = SoakVerdict.judge(series(minutes(0, m -> 80), sawtooth(s -> 200 * MIB), List.of(), lag), LIMITS);

        assertThat(v.passed()).isTrue();
    }

    @Test
    void moreFailuresThanTheLimitFail() {
        Verdict v = SoakVerdict.judge(series(minutes(30, m -> 80), sawtooth(s -> 200 * MIB), List.of(), FLAT_LAG),
                LIMITS);

        assertThat(v.failures()).singleElement().asString().startsWith("errors 3.00% of 10000 requests");
    }

    @Test
    void aP99ThatKeepsClimbingFailsAsLatencyDrift() {
        Verdict v = SoakVerdict.judge(series(minutes(0, m -> 50 + 30 * m), sawtooth(s -> 200 * MIB), List.of(),
                FLAT_LAG), LIMITS);

        assertThat(v.failures()).singleElement().asString().startsWith("latency drifts: p99 110 → 320 ms");
    }

    @Test
    void theStragglersAnsweredAfterTheLoadEndedAreNoMinuteOfTheRun() {
        List<Window> minutes = new ArrayList<>(minutes(0, m -> 50 + 30 * m));
        minutes.add(new Window(600, 20, 0, 5, 8, 9)); // fast answers after the end would hide the drift
        Verdict v = SoakVerdict.judge(series(minutes, sawtooth(s -> 200 * MIB), List.of(), FLAT_LAG), LIMITS);

        assertThat(v.failures()).singleElement().asString().startsWith("latency drifts: p99 110 → 320 ms");
    }

    @Test
    void aSoakWithTooFewSamplesCannotPass() {
        Verdict v = SoakVerdict.judge(series(minutes(0, m -> 80), List.of(new Point(10, 100 * MIB)), List.of(),
                Map.of()), LIMITS);

        assertThat(v.passed()).isFalse();
        assertThat(v.failures()).anySatisfy(f -> assertThat(f).startsWith("heap: only 0 points after warm-up"))
                .anySatisfy(f -> assertThat(f).startsWith("lag: no sample"));
    }

    @Test
    void aRunWithoutRequestsFails() {
        Verdict v = SoakVerdict.judge(series(List.of(), sawtooth(s -> 200 * MIB), List.of(), FLAT_LAG), LIMITS);

        assertThat(v.failures()).contains("no request was made");
    }

    @Test
    void theDefaultsScaleWithTheRunAndTheHeap() {
        Limits l = Limits.defaults(180, 1024 * MIB, 1000);
        assertThat(l.heapWindowSeconds()).isEqualTo(18);
        assertThat(l.maxHeapGrowthBytes()).isEqualTo(1024 * MIB * 0.05);
        assertThat(l.lagTolerance()).isEqualTo(500);
        assertThat(Limits.defaults(86_400, -1, 10).heapWindowSeconds()).isEqualTo(600);
        assertThat(Limits.defaults(86_400, -1, 10).maxHeapGrowthBytes()).isEqualTo(64 * MIB);
    }
}
