package io.chariot.runtime.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.extensions.kafka.eventhandling.KafkaMessageConverter;
import org.axonframework.extensions.kafka.eventhandling.consumer.streamable.KafkaEventMessage;
import org.axonframework.extensions.kafka.eventhandling.consumer.streamable.KafkaTrackingToken;
import org.axonframework.extensions.kafka.eventhandling.consumer.streamable.TrackingRecordConverter;
import org.junit.jupiter.api.Test;

class FetchOrderBufferTest {

    private static final String TOPIC = "chariot.events";

    /** Reads a record's value as the payload: all the conversion a position test needs. */
    private static final KafkaMessageConverter<String, String> VALUES = new KafkaMessageConverter<>() {
        @Override
        public ProducerRecord<String, String> createKafkaMessage(EventMessage<?> eventMessage, String topic) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<EventMessage<?>> readKafkaMessage(ConsumerRecord<String, String> record) {
            return Optional.of(GenericEventMessage.asEventMessage(record.value()));
        }
    };

    private static ConsumerRecord<String, String> record(int partition, long offset, long timestamp) {
        return new ConsumerRecord<>(TOPIC, partition, offset, timestamp, TimestampType.LOG_APPEND_TIME, 0, 0,
                "key", "p" + partition + "@" + offset, new RecordHeaders(), Optional.empty());
    }

    /** Two fetches over two partitions; partition 1's records are older than partition 0's, the second fetch oldest. */
    private static List<KafkaEventMessage> twoFetches() {
        var converter = new TrackingRecordConverter<>(VALUES, KafkaTrackingToken.emptyToken());
        Map<TopicPartition, List<ConsumerRecord<String, String>>> first = new LinkedHashMap<>();
        first.put(new TopicPartition(TOPIC, 0), List.of(record(0, 0, 500), record(0, 1, 501)));
        first.put(new TopicPartition(TOPIC, 1), List.of(record(1, 0, 100), record(1, 1, 101)));
        Map<TopicPartition, List<ConsumerRecord<String, String>>> second = new LinkedHashMap<>();
        second.put(new TopicPartition(TOPIC, 1), List.of(record(1, 2, 50)));
        List<KafkaEventMessage> fetched = new ArrayList<>(converter.convert(new ConsumerRecords<>(first)));
        fetched.addAll(converter.convert(new ConsumerRecords<>(second)));
        return fetched;
    }

    private static List<KafkaEventMessage> drain(FetchOrderBuffer buffer) throws InterruptedException {
        List<KafkaEventMessage> handedOn = new ArrayList<>();
        for (KafkaEventMessage next; (next = buffer.poll(0, TimeUnit.MILLISECONDS)) != null; ) {
            handedOn.add(next);
        }
        return handedOn;
    }

    @Test
    void recordsAreHandedOnInTheOrderTheyWereFetchedWhateverTheirTimestamps() throws Exception {
        var buffer = new FetchOrderBuffer(10);
        buffer.putAll(twoFetches());

        assertThat(drain(buffer)).extracting(m -> (Object) m.value().getPayload())
                .containsExactly("p0@0", "p0@1", "p1@0", "p1@1", "p1@2");
    }

    @Test
    void thePositionStoredAfterEachRecordIsExactlyWhatHasBeenHandedOn() throws Exception {
        var buffer = new FetchOrderBuffer(10);
        buffer.putAll(twoFetches());

        Map<TopicPartition, Long> handedOn = new HashMap<>();
        for (KafkaEventMessage message : drain(buffer)) {
            handedOn.put(new TopicPartition(TOPIC, message.partition()), message.offset());
            // a processor stores this message's token once it has applied the message
            KafkaTrackingToken stored = (KafkaTrackingToken) message.value().trackingToken();
            assertThat(stored.getPositions()).as("position stored after %s", message.value().getPayload())
                    .isEqualTo(handedOn);
        }
        assertThat(handedOn).containsEntry(new TopicPartition(TOPIC, 0), 1L)
                .containsEntry(new TopicPartition(TOPIC, 1), 2L);
    }

    @Test
    void aFetchFailureReachesTheProcessorAfterTheRecordsFetchedBeforeIt() throws Exception {
        var buffer = new FetchOrderBuffer(10);
        buffer.put(twoFetches().get(0));
        buffer.setException(new IllegalStateException("broker gone"));

        assertThat(buffer.poll(0, TimeUnit.MILLISECONDS).value().getPayload()).isEqualTo("p0@0");
        assertThatThrownBy(() -> buffer.poll(10, TimeUnit.MILLISECONDS)).hasMessage("broker gone");
        assertThatThrownBy(buffer::peek).hasMessage("broker gone");
    }

    @Test
    void aFullBufferHoldsTheFetcherUntilTheProcessorTakesARecord() throws Exception {
        var buffer = new FetchOrderBuffer(2);
        List<KafkaEventMessage> fetched = twoFetches();
        buffer.put(fetched.get(0));
        buffer.put(fetched.get(1));
        assertThat(buffer.remainingCapacity()).isZero();

        Thread fetcher = new Thread(() -> {
            try {
                buffer.put(fetched.get(2));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        fetcher.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (fetcher.getState() != Thread.State.WAITING) { // parked: waiting for room
            assertThat(System.nanoTime()).as("the fetcher waits while the buffer is full").isLessThan(deadline);
            Thread.onSpinWait();
        }
        assertThat(buffer.size()).isEqualTo(2);

        assertThat(buffer.take().value().getPayload()).isEqualTo("p0@0");
        fetcher.join(10_000);
        assertThat(fetcher.isAlive()).isFalse();
        assertThat(drain(buffer)).extracting(m -> (Object) m.value().getPayload()).containsExactly("p0@1", "p1@0");
    }

    @Test
    void aFetchFailureReachesAProcessorAlreadyWaitingForARecord() throws Exception {
        var buffer = new FetchOrderBuffer(10);
        var taken = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return buffer.take();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(taken).isNotDone();

        buffer.setException(new IllegalStateException("broker gone"));

        assertThatThrownBy(() -> taken.get(10, TimeUnit.SECONDS)).hasRootCauseMessage("broker gone");
    }
}
