package io.chariot.load.gatling.verdict;

import io.chariot.load.gatling.verdict.SpikeVerdict.Limits;
import io.chariot.load.gatling.verdict.SpikeVerdict.Phases;
import io.chariot.load.gatling.verdict.SpikeVerdict.Result;
import org.junit.jupiter.api.Test;

import java.util.function.LongPredicate;
import java.util.function.LongUnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SpikeVerdictTest {

    private static final long T0 = 1_700_000_000_000L;
    private static final Phases PHASES = new Phases(60, 120, 240);

    /** Ten requests a second for 240 s; latency and failure chosen per second. */
    private static LatencyTimeline run(LongUnaryOperator latencyMs, LongPredicate failing) {
        LatencyTimeline t = new LatencyTimeline(T0, 1);
        for (long s = 0; s < 240; s++) {
            for (int i = 0; i < 10; i++) {
                t.record(T0 + s * 1000 + i * 50, latencyMs.applyAsLong(s), !(failing.test(s) && i < 5));
            }
        }
        return t;
    }

    @Test
    void latencyThatComesBackAfterTheSpikeRecoversAndSaysWhen() {
        // 20 ms at base, 900 ms in the spike, a backlog that drains 25 s after it
        Result r = SpikeVerdict.judge(run(s -> s < 60 ? 20 : s < 145 ? 900 : 20, s -> false), PHASES,
                Limits.defaults());

        assertThat(r.recovered()).isTrue();
        assertThat(r.recoveredAfterSeconds()).hasValue(25);
        assertThat(r.p99BoundMs()).isEqualTo(70);
        assertThat(r.line()).startsWith("SPIKE VERDICT: PASS — recovered 25 s after the spike: base p99 20 ms");
    }

    @Test
    void latencyThatStaysHighAfterTheSpikeDoesNotRecover() {
        Result r = SpikeVerdict.judge(run(s -> s < 60 ? 20 : 400, s -> false), PHASES, Limits.defaults());

        assertThat(r.recovered()).isFalse();
        assertThat(r.recoveredAfterSeconds()).isEmpty();
        assertThat(r.line()).startsWith("SPIKE VERDICT: FAIL — did not recover");
    }

    @Test
    void failuresThatGoOnAfterTheSpikeDoNotRecover() {
        Result r = SpikeVerdict.judge(run(s -> 20, s -> s >= 60), PHASES, Limits.defaults());

        assertThat(r.recovered()).isFalse();
        assertThat(r.spike().failedPercent()).isEqualTo(50.0);
        assertThat(r.tail().failedPercent()).isEqualTo(50.0);
    }

    @Test
    void aStallAfterTheSpikeIsNotARecovery() {
        LatencyTimeline t = new LatencyTimeline(T0, 1);
        for (long s = 0; s < 200; s++) { // nothing answered in the last 40 s
            t.record(T0 + s * 1000, 20L, true);
        }
        Result r = SpikeVerdict.judge(t, PHASES, Limits.defaults());

        assertThat(r.recovered()).isFalse();
    }

    @Test
    void theBarIsTwiceTheBaseP99OrFiftyMillisecondsAboveIt() {
        Result r = SpikeVerdict.judge(run(s -> 200, s -> false), PHASES, Limits.defaults());
        assertThat(r.p99BoundMs()).isBetween(398.0, 404.0);
        assertThat(r.recoveredAfterSeconds()).hasValue(0);
    }

    @Test
    void oneSlowAnswerLateInTheRunDoesNotPushTheRecoveryBack() {
        // back to base 25 s after the spike; one answer of 300 ms 80 s later
        LatencyTimeline t = run(s -> s < 60 ? 20 : s < 145 ? 900 : 20, s -> false);
        t.record(T0 + 222_000, 300L, true);

        Result r = SpikeVerdict.judge(t, PHASES, Limits.defaults());

        assertThat(r.recovered()).isTrue();
        assertThat(r.recoveredAfterSeconds()).hasValue(25);
    }

    @Test
    void phasesMustBeInOrder() {
        assertThatThrownBy(() -> new Phases(60, 60, 120)).isInstanceOf(IllegalArgumentException.class);
    }
}
