package io.chariot.runtime.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.extensions.kafka.eventhandling.DefaultKafkaMessageConverter;
import org.axonframework.extensions.kafka.eventhandling.KafkaMessageConverter;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;

import java.util.Optional;

class SharedDecodingTest {

    record Noted(String key, String note) {
    }

    private final KafkaMessageConverter<String, byte[]> real = DefaultKafkaMessageConverter.builder()
            .serializer(JacksonSerializer.defaultSerializer()).build();
    private final AtomicInteger decodes = new AtomicInteger();
    private final KafkaMessageConverter<String, byte[]> counting = new KafkaMessageConverter<>() {
        @Override
        public ProducerRecord<String, byte[]> createKafkaMessage(EventMessage<?> event, String topic) {
            return real.createKafkaMessage(event, topic);
        }

        @Override
        public Optional<EventMessage<?>> readKafkaMessage(ConsumerRecord<String, byte[]> record) {
            decodes.incrementAndGet();
            return real.readKafkaMessage(record);
        }
    };
    private final SharedDecoding shared = new SharedDecoding(counting, 100);

    @Test
    void theSameEventReadByManyProcessorsIsDecodedOnceAndSharedWholeWithItsPayload() {
        var event = GenericEventMessage.asEventMessage(new Noted("#asset#a#b", "first"));
        var record = consumed(shared.createKafkaMessage(event, "chariot.events"), 7);

        var first = shared.readKafkaMessage(record).orElseThrow();
        var second = shared.readKafkaMessage(consumed(shared.createKafkaMessage(event, "chariot.events"), 7))
                .orElseThrow();

        assertThat(decodes).hasValue(1);
        assertThat(second).isSameAs(first);
        assertThat(first.getIdentifier()).isEqualTo(event.getIdentifier());
        assertThat(first.getPayload()).isEqualTo(new Noted("#asset#a#b", "first"));
    }

    @Test
    void differentEventsAreDecodedEachForItself() {
        var one = shared.readKafkaMessage(consumed(shared.createKafkaMessage(
                GenericEventMessage.asEventMessage(new Noted("k", "one")), "t"), 1)).orElseThrow();
        var two = shared.readKafkaMessage(consumed(shared.createKafkaMessage(
                GenericEventMessage.asEventMessage(new Noted("k", "two")), "t"), 2)).orElseThrow();

        assertThat(decodes).hasValue(2);
        assertThat(one.getPayload()).isEqualTo(new Noted("k", "one"));
        assertThat(two.getPayload()).isEqualTo(new Noted("k", "two"));
    }

    @Test
    void aRecordWithoutAnEventIdentifierIsDecodedEveryTime() {
        var record = new ConsumerRecord<>("t", 0, 3, 0L, TimestampType.CREATE_TIME, 0, 0, "k",
                new byte[]{'{', '}'}, new RecordHeaders(), Optional.empty());

        shared.readKafkaMessage(record);
        shared.readKafkaMessage(record);

        assertThat(decodes).hasValue(2);
    }

    private static ConsumerRecord<String, byte[]> consumed(ProducerRecord<String, byte[]> sent, long offset) {
        return new ConsumerRecord<>(sent.topic(), 0, offset, System.currentTimeMillis(), TimestampType.CREATE_TIME,
                0, sent.value().length, sent.key(), sent.value(), sent.headers(), Optional.empty());
    }
}
