package io.chariot.load;

import io.chariot.load.StepSchedule.Kind;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class StepLatenciesTest {

    private static final long MS = 1_000_000L;

    @Test
    void latencyRunsFromTheIntendedSendTimeSoAWaitBeforeSendingCounts() {
        StepLatencies l = new StepLatencies();
        // Due at t=1000 ms, could only be sent at 1050 ms, answered at 1060 ms: the caller waited 60 ms.
        l.record(Kind.PUT_ASSET, 1000 * MS, 1060 * MS);
        assertThat(l.ms(Kind.PUT_ASSET, 50)).isCloseTo(60, within(0.1));
    }

    @Test
    void percentilesAreTakenOverTheRecordedValuesPerKindAndPerSide() {
        StepLatencies l = new StepLatencies();
        for (int ms = 1; ms <= 100; ms++) {
            l.record(Kind.PUT_ASSET, 0, ms * MS);
            l.record(Kind.POST_MY, 0, ms * MS / 10);
        }
        l.record(Kind.PUT_RISK, 0, 1000 * MS);
        assertThat(l.ms(Kind.PUT_ASSET, 50)).isCloseTo(50, within(0.1));
        assertThat(l.ms(Kind.PUT_ASSET, 99)).isCloseTo(99, within(0.1));
        assertThat(l.ms(Kind.PUT_ASSET, 100)).isCloseTo(100, within(0.1));
        // 101 commands: the slow risk is the top 1%, so the command p99 is still the 100th value, p100 the risk.
        assertThat(l.ms(true, 99)).isCloseTo(100, within(0.1));
        assertThat(l.ms(true, 100)).isCloseTo(1000, within(1.0));
        assertThat(l.ms(false, 99)).isCloseTo(9.9, within(0.01));
        assertThat(l.count(true)).isEqualTo(101);
        assertThat(l.count(false)).isEqualTo(100);
    }

    @Test
    void aKindWithoutAnswersHasNoPercentile() {
        StepLatencies l = new StepLatencies();
        assertThat(l.ms(Kind.GET_MY, 99)).isNaN();
        assertThat(l.ms(false, 99)).isNaN();
    }

    @Test
    void slowRequestsAreKeptWithTheSecondTheyWereDueInAndGroupedPerSecond() {
        StepLatencies l = new StepLatencies();
        long base = System.nanoTime();
        l.record(Kind.PUT_ASSET, base, base + 199 * MS);          // not slow
        l.record(Kind.PUT_RISK, base + 5 * MS, base + 705 * MS);  // 700 ms
        l.record(Kind.GET_MY, base + 1 * MS, base + 251 * MS);    // 250 ms, due before the risk
        l.record(Kind.POST_MY, base + 5 * MS, base + 305 * MS);   // 300 ms, due with the risk

        assertThat(l.slow()).extracting(StepLatencies.Slow::kind)
                .containsExactly(Kind.GET_MY, Kind.PUT_RISK, Kind.POST_MY);
        assertThat(l.slow().get(0).due())
                .isCloseTo(java.time.Instant.now(), within(5, java.time.temporal.ChronoUnit.SECONDS));
        // The risk and the read were due at the same instant, so whatever second the first one fell in, those two
        // are one group: the last group names both and the risk's 700 ms.
        List<String> stalls = StepsPhase.stalls(l.slow());
        assertThat(stalls.get(stalls.size() - 1)).matches("\\d\\d:\\d\\d:\\d\\d ×[23] \\(max 700 ms\\)");
    }
}
