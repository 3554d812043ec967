package io.chariot.runtime.distribution;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the read models' processors consume the topic ({@code chariot.kafka.consumer.*}).
 *
 * @param decodedCacheSize decoded events kept for the other read models' processors to reuse (0: every
 *                         processor decodes every record itself)
 * @param sharedHeadSize   the last records of the topic kept by the one consumer the processors at the head
 *                         share ({@link SharedHeadSource}); a processor further behind reads with a consumer of
 *                         its own (0: every processor always does)
 */
@ConfigurationProperties("chariot.kafka.consumer")
public record ConsumerSettings(@DefaultValue("8192") int decodedCacheSize,
                               @DefaultValue("8192") int sharedHeadSize) {
    public ConsumerSettings {
        if (decodedCacheSize < 0) {
            throw new IllegalArgumentException("chariot.kafka.consumer.decoded-cache-size must be 0 or more, not "
                    + decodedCacheSize);
        }
        if (sharedHeadSize < 0) {
            throw new IllegalArgumentException("chariot.kafka.consumer.shared-head-size must be 0 or more, not "
                    + sharedHeadSize);
        }
    }
}
