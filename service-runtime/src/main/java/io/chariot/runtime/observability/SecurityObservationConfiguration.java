package io.chariot.runtime.observability;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.observation.SecurityObservationSettings;

/**
 * Spring Security observes every filter of its chain, each authentication and each authorization decision when an
 * {@code ObservationRegistry} is present (actuator's is). On the PUT /asset path that was about an eighth of the
 * platform's CPU (BENCHMARKS.md) for {@code spring.security.*} observations nothing reads; {@code http.server.requests}
 * is unaffected. Set {@code chariot.observability.security-observations=true} to have them back.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "chariot.observability.security-observations", havingValue = "false", matchIfMissing = true)
public class SecurityObservationConfiguration {

    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }
}
