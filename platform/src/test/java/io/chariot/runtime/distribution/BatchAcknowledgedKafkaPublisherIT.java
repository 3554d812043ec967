package io.chariot.runtime.distribution;

import io.chariot.infra.local.StackEndpoints;
import io.chariot.infra.local.junit.WithLocalStack;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.extensions.kafka.eventhandling.DefaultKafkaMessageConverter;
import org.axonframework.extensions.kafka.eventhandling.producer.ConfirmationMode;
import org.axonframework.extensions.kafka.eventhandling.producer.DefaultProducerFactory;
import org.axonframework.extensions.kafka.eventhandling.producer.ProducerFactory;
import org.axonframework.messaging.EventPublicationFailedException;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.monitoring.NoOpMessageMonitor;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The publisher against the real Kafka of the local stack: acknowledgements are awaited per batch, failures fail it. */
@WithLocalStack
class BatchAcknowledgedKafkaPublisherIT {

    private final StackEndpoints stack;
    private final String topic = "publisher-it-" + UUID.randomUUID();
    private ProducerFactory<String, byte[]> producers;
    private BatchAcknowledgedKafkaPublisher publisher;

    BatchAcknowledgedKafkaPublisherIT(StackEndpoints stack) {
        this.stack = stack;
    }

    @BeforeEach
    void aPublisherWithSmallRequests() {
        producers = DefaultProducerFactory.<String, byte[]>builder()
                .configuration(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrap(),
                        ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                        ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                        ProducerConfig.LINGER_MS_CONFIG, 2,
                        ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 16_384))
                .confirmationMode(ConfirmationMode.WAIT_FOR_ACK).build();
        var converter = DefaultKafkaMessageConverter.builder().serializer(JacksonSerializer.defaultSerializer()).build();
        publisher = new BatchAcknowledgedKafkaPublisher(producers, converter, event -> Optional.of(topic),
                NoOpMessageMonitor.INSTANCE, Duration.ofSeconds(30));
    }

    @AfterEach
    void closeTheProducer() {
        publisher.shutDown();
    }

    @Test
    void aBatchsEventsReachKafkaInOrderOnceItsUnitOfWorkCommits() {
        DefaultUnitOfWork<?> batch = DefaultUnitOfWork.startAndGet(null);
        for (int n = 0; n < 50; n++) {
            // one aggregate: one key, one partition, so Kafka's order is the batch's order
            publisher.send(new GenericDomainEventMessage<>("Asset", "asset-1", n, "event " + n));
        }
        batch.commit();

        assertThat(consumed(50)).containsExactlyElementsOf(
                java.util.stream.IntStream.range(0, 50).mapToObj(n -> "\"event " + n + "\"").toList());
    }

    @Test
    void anEventKafkaRefusesFailsTheWholeBatchAtCommitSoItsTokenStays() {
        DefaultUnitOfWork<?> batch = DefaultUnitOfWork.startAndGet(null);
        publisher.send(GenericEventMessage.asEventMessage("fits"));
        // larger than the producer's max.request.size: Kafka's client refuses it — the send itself does not throw
        publisher.send(GenericEventMessage.asEventMessage("x".repeat(40_000)));

        assertThatThrownBy(batch::commit).isInstanceOf(EventPublicationFailedException.class)
                .hasMessageContaining("event 2 of a batch of 2").hasRootCauseInstanceOf(RecordTooLargeException.class);
        assertThat(batch.isRolledBack()).isTrue();
    }

    private List<String> consumed(int expected) {
        try (var consumer = new KafkaConsumer<String, byte[]>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrap(),
                ConsumerConfig.GROUP_ID_CONFIG, topic, ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            List<String> values = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (values.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    values.add(new String(r.value(), java.nio.charset.StandardCharsets.UTF_8));
                }
            }
            return values;
        }
    }
}
