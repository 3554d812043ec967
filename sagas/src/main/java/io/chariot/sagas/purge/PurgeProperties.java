package io.chariot.sagas.purge;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * {@code chariot.sagas.purge.*}: how a tenant purge paces itself.
 *
 * @param batch      how many records one step removes (each step is its own transaction and deadline)
 * @param retryAfter how long a step a context refused waits before it is tried again
 */
@ConfigurationProperties("chariot.sagas.purge")
public record PurgeProperties(Integer batch, Duration retryAfter) {

    public PurgeProperties {
        batch = batch == null ? 200 : batch;
        retryAfter = retryAfter == null ? Duration.ofMinutes(1) : retryAfter;
        if (batch < 1 || retryAfter.isNegative() || retryAfter.isZero()) {
            throw new IllegalArgumentException("chariot.sagas.purge: batch and retry-after must be positive");
        }
    }
}
