package io.chariot.runtime.eventstore;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * {@code chariot.event-store.*}.
 *
 * @param fetchDelay how long a reader tailing the event store waits before it looks again for commits made by other
 *                   processes (default 100 ms: a query of the store's head ten times a second while a reader tails,
 *                   instead of up to a second added to every cross-process write)
 */
@ConfigurationProperties("chariot.event-store")
public record EventStoreProperties(@DefaultValue("100ms") Duration fetchDelay) {

    public EventStoreProperties {
        if (fetchDelay.isNegative() || fetchDelay.isZero()) {
            throw new IllegalArgumentException("chariot.event-store.fetch-delay must be positive, not " + fetchDelay);
        }
    }
}
