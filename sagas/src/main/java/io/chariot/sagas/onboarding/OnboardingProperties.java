package io.chariot.sagas.onboarding;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * {@code chariot.sagas.onboarding.*}: how a linked integration is onboarded.
 *
 * @param providers      integration name (e.g. {@code github}) → the base URL of its provider; an integration whose
 *                       name is not listed is not onboarded (it stays linked, as before)
 * @param capabilities   the discovery jobs queued for every imported seed
 * @param deadline       how long the whole onboarding may take before it is undone (a durable deadline)
 * @param timeout        how long one call to a provider may take
 * @param timeoutSeconds the discovery runs' own timeout
 */
@ConfigurationProperties("chariot.sagas.onboarding")
public record OnboardingProperties(Map<String, URI> providers, List<String> capabilities, Duration deadline,
                                   Duration timeout, Long timeoutSeconds) {

    public OnboardingProperties {
        providers = providers == null ? Map.of() : Map.copyOf(providers);
        capabilities = capabilities == null || capabilities.isEmpty() ? List.of("subdomain")
                : List.copyOf(capabilities);
        deadline = deadline == null ? Duration.ofMinutes(15) : deadline;
        timeout = timeout == null ? Duration.ofSeconds(10) : timeout;
        timeoutSeconds = timeoutSeconds == null ? 3600L : timeoutSeconds;
        if (deadline.isNegative() || deadline.isZero() || timeout.isNegative() || timeout.isZero()
                || timeoutSeconds < 1) {
            throw new IllegalArgumentException("chariot.sagas.onboarding: deadline, timeout and timeout-seconds must "
                    + "be positive");
        }
        providers.forEach((name, url) -> {
            if (url == null || !("http".equals(url.getScheme()) || "https".equals(url.getScheme()))) {
                throw new IllegalArgumentException("chariot.sagas.onboarding.providers." + name
                        + " must be an http(s) URL");
            }
        });
    }

    /** The provider of an integration, if it is onboarded. */
    public URI provider(String integration) {
        return providers.get(integration);
    }
}
