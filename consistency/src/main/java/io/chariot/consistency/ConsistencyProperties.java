package io.chariot.consistency;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * {@code chariot.consistency.*}: how long a write waits to become visible, and how processors retry a failing store.
 *
 * @param visibilityTimeout how long a write waits for the read models behind it before answering 503
 *                          "stored, not yet visible"
 * @param retryAfter        the {@code Retry-After} a 503 "not yet visible" suggests
 * @param retry             back-off of a processor whose store fails transiently
 * @param remembered        how many recently applied aggregates each read model remembers for late waiters
 * @param parkedSequences   how many aggregates a processing group may have parked events for
 * @param parkedPerSequence how many events one aggregate may have parked in one group
 * @param sequenceCache     how many parked aggregates each processor remembers, so a clean event costs no query
 */
@ConfigurationProperties("chariot.consistency")
public record ConsistencyProperties(Duration visibilityTimeout, Duration retryAfter, Retry retry, Long remembered,
                                    Integer parkedSequences, Integer parkedPerSequence, Integer sequenceCache) {

    public ConsistencyProperties {
        visibilityTimeout = visibilityTimeout == null ? Duration.ofSeconds(10) : visibilityTimeout;
        retryAfter = retryAfter == null ? Duration.ofSeconds(1) : retryAfter;
        retry = retry == null ? new Retry(null, null) : retry;
        remembered = remembered == null ? 20_000L : remembered;
        parkedSequences = parkedSequences == null ? 100_000 : parkedSequences;
        parkedPerSequence = parkedPerSequence == null ? 10_000 : parkedPerSequence;
        sequenceCache = sequenceCache == null ? 10_000 : sequenceCache;
        if (visibilityTimeout.isNegative() || retryAfter.isNegative() || remembered < 1 || parkedSequences < 1
                || parkedPerSequence < 1 || sequenceCache < 1) {
            throw new IllegalArgumentException("chariot.consistency: durations must not be negative and counts must "
                    + "be at least 1");
        }
    }

    /**
     * @param initialDelay the first pause after a transient failure
     * @param maxDelay     the longest pause between attempts (a recovered store is noticed this quickly)
     */
    public record Retry(Duration initialDelay, Duration maxDelay) {
        public Retry {
            initialDelay = initialDelay == null ? Duration.ofMillis(100) : initialDelay;
            maxDelay = maxDelay == null ? Duration.ofSeconds(2) : maxDelay;
            if (initialDelay.isNegative() || initialDelay.isZero() || maxDelay.compareTo(initialDelay) < 0) {
                throw new IllegalArgumentException("chariot.consistency.retry: initial-delay must be positive and "
                        + "max-delay at least initial-delay");
            }
        }
    }
}
