package io.chariot.sagas.onboarding;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OnboardingPropertiesTest {

    @Test
    void unsetPropertiesTakeTheirDefaultsAndNoIntegrationIsOnboarded() {
        OnboardingProperties defaults = new OnboardingProperties(null, null, null, null, null);
        assertThat(defaults.providers()).isEmpty();
        assertThat(defaults.provider("github")).isNull();
        assertThat(defaults.capabilities()).containsExactly("subdomain");
        assertThat(defaults.deadline()).isEqualTo(Duration.ofMinutes(15));
        assertThat(defaults.timeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(defaults.timeoutSeconds()).isEqualTo(3600L);
    }

    @Test
    void aProviderThatIsNoHttpUrlOrANonPositiveDurationKeepsTheApplicationFromStarting() {
        assertThatThrownBy(() -> new OnboardingProperties(Map.of("github", URI.create("file:///etc/passwd")), null,
                null, null, null)).hasMessageContaining("chariot.sagas.onboarding.providers.github");
        assertThatThrownBy(() -> new OnboardingProperties(null, List.of("subdomain"), Duration.ZERO, null, null))
                .hasMessageContaining("must be positive");
        assertThatThrownBy(() -> new OnboardingProperties(null, null, null, Duration.ofSeconds(-1), null))
                .hasMessageContaining("must be positive");
    }
}
