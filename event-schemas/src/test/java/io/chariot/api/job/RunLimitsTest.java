package io.chariot.api.job;

import io.chariot.api.rejection.Rejected;
import io.chariot.api.rejection.Rejection;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RunLimitsTest {

    @Test
    void aConfigWithoutLimitsTakesTheCapabilitysDefaults() {
        assertThat(RunLimits.of(Map.of("depth", "2"), 3, 600)).isEqualTo(new RunLimits(3, 600));
        assertThat(RunLimits.of(null, 0, 60)).isEqualTo(new RunLimits(0, 60));
        assertThat(RunLimits.of(Map.of("retries", " ", "timeout_seconds", ""), 1, 60)).isEqualTo(new RunLimits(1, 60));
    }

    @Test
    void aConfigsRetriesAndTimeoutOverrideTheDefaultsEachOnItsOwn() {
        assertThat(RunLimits.of(Map.of("retries", " 0 "), 3, 600)).isEqualTo(new RunLimits(0, 600));
        assertThat(RunLimits.of(Map.of("timeout_seconds", "1"), 3, 600)).isEqualTo(new RunLimits(3, 1));
    }

    @Test
    void negativeRetriesAreAnInvalidRejectionNamingTheConfigMember() {
        assertThatThrownBy(() -> RunLimits.of(Map.of("retries", "-1"), 3, 600))
                .isInstanceOfSatisfying(Rejected.class, e -> assertThat(e.rejection())
                        .isEqualTo(Rejection.invalid("config.retries must not be negative")));
        assertThatThrownBy(() -> new RunLimits(-1, 600)).isInstanceOf(Rejected.class);
    }

    @Test
    void aTimeoutThatIsNotPositiveIsAnInvalidRejectionNamingTheConfigMember() {
        assertThatThrownBy(() -> RunLimits.of(Map.of("timeout_seconds", "0"), 3, 600))
                .isInstanceOfSatisfying(Rejected.class, e -> assertThat(e.rejection())
                        .isEqualTo(Rejection.invalid("config.timeout_seconds must be positive")));
        assertThatThrownBy(() -> new RunLimits(0, -5)).isInstanceOf(Rejected.class);
    }

    @Test
    void aLimitThatIsNotAnIntegerIsRefusedBeforeAnyLimitIsChecked() {
        assertThatThrownBy(() -> RunLimits.of(Map.of("retries", "-1", "timeout_seconds", "soon"), 3, 600))
                .isInstanceOfSatisfying(Rejected.class, e -> assertThat(e.rejection()).isEqualTo(
                        Rejection.invalid("config.timeout_seconds must be an integer, got 'soon'")));
    }
}
