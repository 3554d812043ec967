package io.chariot.load;

import io.chariot.load.StepSchedule.Kind;
import io.chariot.load.StepSchedule.Mix;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StepScheduleTest {

    private final StepSchedule schedule = new StepSchedule(List.of(100, 200), 60, Mix.parse("asset=2,attribute=1,risk=1"));

    @Test
    void aStepOffersItsRateOfCommandsAndAsManyReadsForItsWholeDuration() {
        assertThat(schedule.requests(100)).isEqualTo(2 * 100 * 60);
        long commands = 0;
        long reads = 0;
        for (long i = 0; i < schedule.requests(100); i++) {
            if (schedule.kindOf(i).write) {
                commands++;
            } else {
                reads++;
            }
        }
        assertThat(commands).isEqualTo(6000);
        assertThat(reads).isEqualTo(6000);
    }

    @Test
    void requestsAreDueAtEvenlySpacedFixedTimesThatDoNotDependOnAnswers() {
        // 100 commands/s + 100 reads/s: one request every 5 ms.
        assertThat(StepSchedule.dueOffsetNanos(100, 0)).isZero();
        assertThat(StepSchedule.dueOffsetNanos(100, 1)).isEqualTo(5_000_000L);
        assertThat(StepSchedule.dueOffsetNanos(100, 200)).isEqualTo(1_000_000_000L);
        // The last request of a 60 s step is due just before its end.
        assertThat(StepSchedule.dueOffsetNanos(100, schedule.requests(100) - 1)).isLessThan(60_000_000_000L);
        assertThat(StepSchedule.dueOffsetNanos(1600, 3200)).isEqualTo(1_000_000_000L);
    }

    @Test
    void commandsFollowTheMixAndReadsAlternateBetweenPostAndGet() {
        List<Kind> first = new ArrayList<>();
        for (long i = 0; i < 8; i++) {
            first.add(schedule.kindOf(i));
        }
        assertThat(first).containsExactly(Kind.PUT_ASSET, Kind.POST_MY, Kind.PUT_ASSET, Kind.GET_MY,
                Kind.PUT_ATTRIBUTE, Kind.POST_MY, Kind.PUT_RISK, Kind.GET_MY);
    }

    @Test
    void aMixWithoutSomeCommandsNeverSendsThem() {
        Mix onlyRisks = Mix.parse("risk=3");
        for (long n = 0; n < 10; n++) {
            assertThat(onlyRisks.commandFor(n)).isEqualTo(Kind.PUT_RISK);
        }
    }

    @Test
    void ratesMustBePositiveWholeNumbersThatStepUp() {
        assertThat(StepSchedule.parseRates("100, 200,400")).containsExactly(100, 200, 400);
        assertThatThrownBy(() -> StepSchedule.parseRates("100,fast")).hasMessageContaining("'fast' is not a whole number");
        assertThatThrownBy(() -> new StepSchedule(List.of(200, 100), 60, schedule.mix())).hasMessageContaining("step up");
        assertThatThrownBy(() -> new StepSchedule(List.of(0, 100), 60, schedule.mix())).hasMessageContaining("positive");
        assertThatThrownBy(() -> new StepSchedule(List.of(), 60, schedule.mix())).hasMessageContaining("at least one");
        assertThatThrownBy(() -> new StepSchedule(List.of(100), 1, schedule.mix())).hasMessageContaining("--step-duration");
    }

    @Test
    void aBadMixIsRefusedWithWhatWasExpected() {
        assertThatThrownBy(() -> Mix.parse("asset=2,port=1")).hasMessageContaining("expected asset=N,attribute=N,risk=N");
        assertThatThrownBy(() -> Mix.parse("asset=x")).hasMessageContaining("'x' is not a whole number");
        assertThatThrownBy(() -> Mix.parse("asset=0")).hasMessageContaining("not all 0");
        assertThatThrownBy(() -> Mix.parse("asset=-1,risk=2")).hasMessageContaining(">= 0");
    }
}
