package io.chariot.runtime.processing;

import io.chariot.runtime.distribution.KafkaLiveSource;
import io.chariot.runtime.health.HealthSettings;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.extensions.kafka.eventhandling.consumer.streamable.KafkaTrackingToken;
import org.apache.kafka.common.TopicPartition;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * How many records of the Kafka topic each streaming processing group has yet to apply (its consumer lag: Axon keeps
 * the group's offsets in its token, not in Kafka's consumer groups). Read by the metrics and the health check, so
 * the answer is kept for a moment rather than asking the broker per group per scrape.
 */
@Component
public class ProcessingLag {

    private static final Duration FRESH_FOR = Duration.ofSeconds(2);

    private final EventProcessingConfiguration processing;
    private final KafkaLiveSource kafka;
    private final HealthSettings settings;
    private final Clock clock = Clock.systemUTC();
    private volatile Snapshot last = new Snapshot(Instant.EPOCH, Map.of());

    ProcessingLag(EventProcessingConfiguration processing, KafkaLiveSource kafka, HealthSettings settings) {
        this.processing = processing;
        this.kafka = kafka;
        this.settings = settings;
    }

    /** The group's lag in records, or empty when it reads from somewhere else than Kafka (a replay) or Kafka is away. */
    public OptionalLong of(String group) {
        Long lag = snapshot().lags().get(group);
        return lag == null ? OptionalLong.empty() : OptionalLong.of(lag);
    }

    private Snapshot snapshot() {
        Snapshot current = last;
        Instant now = clock.instant();
        if (current.taken().plus(FRESH_FOR).isAfter(now)) {
            return current;
        }
        synchronized (this) {
            if (last.taken().plus(FRESH_FOR).isAfter(now)) {
                return last;
            }
            Map<String, Long> lags = new HashMap<>();
            try {
                // One read of the end offsets for all groups, bounded like a health check: a stalled broker
                // leaves the lags unknown (the kafka health indicator says why) instead of holding the caller.
                Map<TopicPartition, Long> ends = kafka.endOffsets(settings.timeout());
                processing.eventProcessors().forEach((name, processor) -> {
                    if (processor instanceof StreamingEventProcessor streaming) {
                        merged(streaming).ifPresent(token ->
                                KafkaLiveSource.lag(token, ends).ifPresent(lag -> lags.put(name, lag)));
                    }
                });
            } catch (IllegalStateException kafkaAway) {
                lags.clear();
            }
            last = new Snapshot(now, Map.copyOf(lags));
            return last;
        }
    }

    /** One token with the furthest position per partition over the group's segments, if they all read Kafka. */
    private static Optional<TrackingToken> merged(StreamingEventProcessor processor) {
        Map<TopicPartition, Long> positions = new HashMap<>();
        for (EventTrackerStatus status : processor.processingStatus().values()) {
            TrackingToken token = status.getTrackingToken();
            TrackingToken unwrapped = token == null ? null : WrappedToken.unwrapUpperBound(token);
            if (unwrapped instanceof KafkaTrackingToken kafka) {
                kafka.getPositions().forEach((partition, offset) -> positions.merge(partition, offset, Math::max));
            } else if (unwrapped != null) {
                return Optional.empty();
            }
        }
        return processor.processingStatus().isEmpty() ? Optional.empty()
                : Optional.of(KafkaTrackingToken.newInstance(positions));
    }

    private record Snapshot(Instant taken, Map<String, Long> lags) {
    }
}
