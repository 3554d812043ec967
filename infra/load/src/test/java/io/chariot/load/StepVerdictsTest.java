package io.chariot.load;

import io.chariot.load.StepVerdicts.Lag;
import io.chariot.load.StepVerdicts.Limits;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class StepVerdictsTest {

    private static final Limits LIMITS = new Limits(200, 100, 1, 2);

    @Test
    void aStepPassesWhenBothP99sAreUnderTheLimitsNoLagGrowsAndAlmostNothingFailed() {
        var verdict = StepVerdicts.judge(150, 60, 0.5, Map.of("dynamodb", false, "neo4j", false), LIMITS);
        assertThat(verdict.passed()).isTrue();
        assertThat(verdict.reasons()).isEmpty();
    }

    @Test
    void aStepFailsForEachBrokenConditionAndSaysWhich() {
        var verdict = StepVerdicts.judge(200, 100, 2.5, Map.of("neo4j", true, "redis", false), LIMITS);
        assertThat(verdict.passed()).isFalse();
        assertThat(verdict.reasons()).containsExactly("write p99 200 ms >= 200", "read p99 100 ms >= 100",
                "2.5% failed or not started", "neo4j lag grows");
    }

    @Test
    void aStepWhereNothingWasAnsweredFails() {
        var verdict = StepVerdicts.judge(Double.NaN, Double.NaN, 100, Map.of(), LIMITS);
        assertThat(verdict.passed()).isFalse();
        assertThat(verdict.reasons()).contains("no command answered", "no read answered");
    }

    @Test
    void lagGrowsWhenTheEndExceedsTheStartBeyondTheToleranceAndTheSecondHalfDidNotShrinkIt() {
        assertThat(new Lag(0, 400, 900).grows(100)).isTrue();
        assertThat(new Lag(0, 900, 900).grows(100)).isTrue();
        // Saw-tooth of batches: a spike in the middle that is gone again.
        assertThat(new Lag(0, 900, 50).grows(100)).isFalse();
        // Shrinking in the second half: catching up.
        assertThat(new Lag(0, 900, 400).grows(100)).isFalse();
        // Within the noise of one batch.
        assertThat(new Lag(20, 60, 110).grows(100)).isFalse();
        assertThat(new Lag(5000, 5000, 5000).grows(100)).isFalse();
    }

    @Test
    void theLagToleranceIsHalfASecondOfTheRateAndAtLeastOneHundredEvents() {
        assertThat(StepVerdicts.tolerance(100)).isEqualTo(100);
        assertThat(StepVerdicts.tolerance(1600)).isEqualTo(800);
    }

    @Test
    void theSustainableRateIsTheHighestStepThatPassed() {
        assertThat(StepVerdicts.sustainable(List.of(100, 200, 400, 800), List.of(true, true, false, false)))
                .hasValue(200);
        assertThat(StepVerdicts.sustainable(List.of(100, 200, 400), List.of(true, false, true))).hasValue(400);
        assertThat(StepVerdicts.sustainable(List.of(100, 200), List.of(false, false))).isEmpty();
        assertThat(StepVerdicts.sustainable(List.of(), List.of())).isEmpty();
    }

    @Test
    void theRunStopsAfterTheGivenNumberOfConsecutiveFailingSteps() {
        assertThat(StepVerdicts.stop(List.of(true, false), 2)).isFalse();
        assertThat(StepVerdicts.stop(List.of(true, false, true, false), 2)).isFalse();
        assertThat(StepVerdicts.stop(List.of(true, false, false), 2)).isTrue();
        assertThat(StepVerdicts.stop(List.of(false), 1)).isTrue();
        assertThat(StepVerdicts.stop(List.of(false), 2)).isFalse();
    }
}
