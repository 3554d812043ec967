package io.chariot.runtime.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.common.TopicPartition;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.EventUtils;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.extensions.kafka.eventhandling.consumer.streamable.KafkaTrackingToken;
import org.junit.jupiter.api.Test;

class HeadOrOwnStreamTest {

    private static final String TOPIC = "chariot.events";

    /** The topic as appended: records over two partitions, in the order they were written. */
    private final List<TopicHead.Entry> log = new ArrayList<>();
    private final Map<Integer, Long> ends = new HashMap<>(Map.of(0, 0L, 1, 0L));
    private final List<OwnStream> ownStreams = new ArrayList<>();
    private final AtomicReference<TopicHead> current = new AtomicReference<>();

    private TopicHead.Entry write(int partition) {
        long offset = ends.merge(partition, 1L, Long::sum) - 1;
        var entry = new TopicHead.Entry(partition, offset, GenericEventMessage.asEventMessage("p" + partition + "@" + offset));
        log.add(entry);
        return entry;
    }

    /** A head started now: from the end of every partition, holding at most {@code capacity} records. */
    private TopicHead headFromNow(int capacity) {
        TopicHead head = new TopicHead(TOPIC, capacity, ends);
        current.set(head);
        return head;
    }

    private HeadOrOwnStream open(KafkaTrackingToken from) {
        return new HeadOrOwnStream(from, current::get, token -> {
            var own = new OwnStream(token, new ArrayList<>(log));
            ownStreams.add(own);
            return own;
        });
    }

    private static KafkaTrackingToken token(long p0, long p1) {
        return KafkaTrackingToken.newInstance(Map.of(new TopicPartition(TOPIC, 0), p0, new TopicPartition(TOPIC, 1), p1));
    }

    private static String payload(TrackedEventMessage<?> message) {
        return (String) message.getPayload();
    }

    /** Takes what is available now; each message's position must name exactly the records handed on before it. */
    private static List<String> drain(HeadOrOwnStream stream, Map<Integer, Long> handedOn) throws InterruptedException {
        List<String> payloads = new ArrayList<>();
        while (stream.hasNextAvailable(0, TimeUnit.MILLISECONDS)) {
            TrackedEventMessage<?> next = stream.nextAvailable();
            String payload = payload(next);
            String[] at = payload.substring(1).split("@");
            handedOn.put(Integer.parseInt(at[0]), Long.parseLong(at[1]));
            Map<TopicPartition, Long> expected = new HashMap<>();
            handedOn.forEach((p, o) -> expected.put(new TopicPartition(TOPIC, p), o));
            assertThat(((KafkaTrackingToken) next.trackingToken()).getPositions()).as(payload)
                    .containsAllEntriesOf(expected);
            payloads.add(payload);
        }
        return payloads;
    }

    @Test
    void aProcessorAtTheEndReadsFromTheSharedHeadWithItsOwnPositions() throws Exception {
        write(0);
        write(1);
        TopicHead head = headFromNow(16);
        HeadOrOwnStream stream = open(token(0, 0));
        head.append(List.of(write(1), write(0), write(1)));

        assertThat(stream.onHead()).isTrue();
        assertThat(drain(stream, new HashMap<>(Map.of(0, 0L, 1, 0L)))).containsExactly("p1@1", "p0@1", "p1@2");
        assertThat(ownStreams).isEmpty();
    }

    @Test
    void aProcessorBehindReadsWithItsOwnConsumerThenMovesOntoTheHeadWithoutARecordTwiceOrMissed() throws Exception {
        write(0);
        write(1);
        TopicHead head = headFromNow(16);
        head.append(List.of(write(0), write(1)));
        HeadOrOwnStream stream = open(KafkaTrackingToken.emptyToken());
        assertThat(stream.onHead()).isFalse();

        Map<Integer, Long> handedOn = new HashMap<>();
        List<String> read = new ArrayList<>(drain(stream, handedOn));
        assertThat(stream.onHead()).as("caught up, nothing buffered: on the head").isTrue();
        assertThat(ownStreams.get(0).closed).isTrue();
        head.append(List.of(write(1), write(0)));
        read.addAll(drain(stream, handedOn));

        assertThat(read).containsExactly("p0@0", "p1@0", "p0@1", "p1@1", "p1@2", "p0@2");
    }

    @Test
    void aProcessorTheWindowLeftBehindGoesBackToItsOwnConsumerFromWhereItWas() throws Exception {
        TopicHead head = headFromNow(2);
        HeadOrOwnStream stream = open(token(-1, -1));
        head.append(List.of(write(0)));
        Map<Integer, Long> handedOn = new HashMap<>();
        List<String> read = new ArrayList<>(drain(stream, handedOn));
        head.append(List.of(write(1), write(0), write(1))); // p1@0 is let go before the processor reads it

        read.addAll(drain(stream, handedOn));

        assertThat(ownStreams).hasSize(1);
        assertThat(read).containsExactly("p0@0", "p1@0", "p0@1", "p1@1");
    }

    @Test
    void whenTheHeadStopsItsReadersCarryOnWithConsumersOfTheirOwn() throws Exception {
        TopicHead head = headFromNow(16);
        HeadOrOwnStream stream = open(token(-1, -1));
        head.append(List.of(write(0)));
        Map<Integer, Long> handedOn = new HashMap<>();
        List<String> read = new ArrayList<>(drain(stream, handedOn));

        head.close();
        current.set(null);
        write(1);
        read.addAll(drain(stream, handedOn));

        assertThat(stream.onHead()).isFalse();
        assertThat(read).containsExactly("p0@0", "p1@0");
    }

    @Test
    void recordsWithoutAnEventArePassedOver() throws Exception {
        TopicHead head = headFromNow(16);
        HeadOrOwnStream stream = open(token(-1, -1));
        head.append(List.of(new TopicHead.Entry(0, 0, null), new TopicHead.Entry(0, 1,
                GenericEventMessage.asEventMessage("p0@1"))));

        assertThat(drain(stream, new HashMap<>())).containsExactly("p0@1");
    }

    @Test
    void theHeadTakesOnlyReadersThatNeedNothingItLetGo() {
        write(0);
        write(1);
        TopicHead head = headFromNow(1);
        head.append(List.of(write(0), write(0))); // p0@1 let go, p0@2 held

        assertThat(head.attach(token(1, 0))).isEqualTo(head.attach(token(5, 0))).isNotNegative();
        assertThat(head.attach(token(0, 0))).as("needs p0@1").isNegative();
        assertThat(head.attach(token(1, -1))).as("needs p1@0").isNegative();
        assertThat(head.attach(KafkaTrackingToken.newInstance(Map.of(new TopicPartition(TOPIC, 0), 1L))))
                .as("names no position in partition 1: needs it from its start").isNegative();
        head.close();
        assertThat(head.attach(token(1, 0))).as("stopped").isNegative();
    }

    /** A processor's own consumer: the log from a position on, in the order written, with positions as of each record. */
    private static final class OwnStream implements BlockingStream<TrackedEventMessage<?>> {
        private final List<TrackedEventMessage<?>> records = new ArrayList<>();
        private int next;
        boolean closed;

        OwnStream(KafkaTrackingToken from, List<TopicHead.Entry> log) {
            KafkaTrackingToken position = from;
            for (TopicHead.Entry entry : log) {
                long applied = position.getPositions().getOrDefault(new TopicPartition(TOPIC, entry.partition()), -1L);
                if (entry.offset() > applied) {
                    position = position.advancedTo(TOPIC, entry.partition(), entry.offset());
                    records.add(EventUtils.asTrackedEventMessage(entry.message(), position));
                }
            }
        }

        @Override
        public Optional<TrackedEventMessage<?>> peek() {
            return next < records.size() ? Optional.of(records.get(next)) : Optional.empty();
        }

        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) {
            return next < records.size();
        }

        @Override
        public TrackedEventMessage<?> nextAvailable() {
            return records.get(next++);
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
