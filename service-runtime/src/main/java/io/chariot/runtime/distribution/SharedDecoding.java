package io.chariot.runtime.distribution;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.extensions.kafka.eventhandling.KafkaMessageConverter;

/**
 * Decodes each Kafka record once for every processor of this process. Each read model has its own processor and
 * consumer, so without this every event was upcast and deserialized — and its personal fields decrypted — once per
 * read model (thirteen times; the JSON work alone was a tenth of the platform's CPU under load, BENCHMARKS.md issue
 * 14). The processors read near the head of the topic within moments of each other, so a small cache of decoded
 * messages, keyed by the event's identifier, serves all but the first. The messages are immutable and deserialize
 * their payload once, lazily and safely across threads; a processor far behind (a new read model) simply decodes
 * for itself.
 */
final class SharedDecoding implements KafkaMessageConverter<String, byte[]> {

    /** The header axon-kafka writes the event's identifier to. */
    static final String MESSAGE_ID = "axon-message-id";

    private final KafkaMessageConverter<String, byte[]> delegate;
    private final Cache<String, Optional<EventMessage<?>>> decoded;

    SharedDecoding(KafkaMessageConverter<String, byte[]> delegate, int entries) {
        this.delegate = delegate;
        this.decoded = Caffeine.newBuilder().maximumSize(entries).recordStats().build();
    }

    /** Reads served from the cache ({@code hits}) and decoded here ({@code misses}), for the metrics. */
    Cache<String, Optional<EventMessage<?>>> cache() {
        return decoded;
    }

    @Override
    public ProducerRecord<String, byte[]> createKafkaMessage(EventMessage<?> eventMessage, String topic) {
        return delegate.createKafkaMessage(eventMessage, topic);
    }

    @Override
    public Optional<EventMessage<?>> readKafkaMessage(ConsumerRecord<String, byte[]> consumerRecord) {
        Header id = consumerRecord.headers().lastHeader(MESSAGE_ID);
        if (id == null || id.value() == null) {
            return delegate.readKafkaMessage(consumerRecord);
        }
        return decoded.get(new String(id.value(), StandardCharsets.UTF_8),
                ignored -> delegate.readKafkaMessage(consumerRecord));
    }
}
