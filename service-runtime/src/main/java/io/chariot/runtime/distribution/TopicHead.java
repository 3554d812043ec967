package io.chariot.runtime.distribution;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.extensions.kafka.eventhandling.KafkaMessageConverter;
import org.axonframework.extensions.kafka.eventhandling.consumer.streamable.KafkaTrackingToken;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last records of the topic, fetched once by one consumer from the end of the topic onwards and kept, in fetch
 * order, for every processor of this process that has reached them (see {@link SharedHeadSource}). A window of a fixed
 * number of records: the oldest go as new ones come, so a processor that falls further behind than the window is
 * {@link #LEFT_BEHIND} and reads with a consumer of its own again. The head never waits for a processor.
 */
final class TopicHead implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TopicHead.class);

    /** One fetched record: its place in its partition and its event (null when the record holds none). */
    record Entry(int partition, long offset, EventMessage<?> message) {
    }

    /** What {@link #await} answers when the record asked for is no longer kept, or the head has stopped. */
    static final Entry LEFT_BEHIND = new Entry(-1, -1, null);

    private final String topic;
    private final Entry[] ring;
    /** Per partition, the first offset the window still holds or will hold (all records from it on are kept). */
    private final Map<Integer, Long> from;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition appended = lock.newCondition();
    private long first;
    private long next;
    private volatile boolean closed;
    private Consumer<String, byte[]> consumer;

    TopicHead(String topic, int capacity, Map<Integer, Long> from) {
        if (capacity < 1) {
            throw new IllegalArgumentException("the head holds at least one record, not " + capacity);
        }
        this.topic = topic;
        this.ring = new Entry[capacity];
        this.from = new HashMap<>(from);
    }

    /**
     * A head fed by {@code consumer} from the end of every partition of {@code topic}, on its own thread. When the
     * consumer fails the head closes: its readers go back to consumers of their own.
     */
    static TopicHead start(Consumer<String, byte[]> consumer, String topic, KafkaMessageConverter<String, byte[]> converter,
                           int capacity) {
        try {
            List<PartitionInfo> infos = consumer.partitionsFor(topic);
            if (infos == null || infos.isEmpty()) {
                throw new IllegalStateException("topic " + topic + " has no partitions (yet)");
            }
            List<TopicPartition> partitions = infos.stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            Map<Integer, Long> ends = new HashMap<>();
            for (TopicPartition partition : partitions) {
                ends.put(partition.partition(), consumer.position(partition));
            }
            TopicHead head = new TopicHead(topic, capacity, ends);
            head.consumer = consumer;
            Thread fetching = new Thread(() -> head.fetch(converter), "chariot-topic-head");
            fetching.setDaemon(true);
            fetching.start();
            return head;
        } catch (RuntimeException e) {
            consumer.close();
            throw e;
        }
    }

    private void fetch(KafkaMessageConverter<String, byte[]> converter) {
        try (Consumer<String, byte[]> fetching = consumer) {
            while (!closed) {
                ConsumerRecords<String, byte[]> records = fetching.poll(Duration.ofMillis(500));
                List<Entry> batch = new ArrayList<>(records.count());
                for (ConsumerRecord<String, byte[]> record : records) {
                    batch.add(new Entry(record.partition(), record.offset(),
                            converter.readKafkaMessage(record).orElse(null)));
                }
                append(batch);
            }
        } catch (WakeupException e) {
            // closed
        } catch (RuntimeException e) {
            log.warn("The shared head of topic {} stopped; its processors read with consumers of their own until it"
                    + " starts again: {}", topic, e.toString());
        } finally {
            stop();
        }
    }

    /** Adds records in fetch order, letting the oldest go when the window is full. */
    void append(List<Entry> batch) {
        if (batch.isEmpty()) {
            return;
        }
        lock.lock();
        try {
            for (Entry entry : batch) {
                if (next - first == ring.length) {
                    Entry oldest = ring[slot(first)];
                    from.put(oldest.partition(), oldest.offset() + 1);
                    ring[slot(first)] = null;
                    first++;
                }
                ring[slot(next)] = entry;
                next++;
            }
            appended.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Where a reader that has applied everything up to {@code token} starts in the window, or -1 when the window has
     * already let go of a record it still needs (or the head has stopped). Partitions the token does not name are
     * needed from their start.
     */
    long attach(KafkaTrackingToken token) {
        lock.lock();
        try {
            if (closed) {
                return -1;
            }
            for (Map.Entry<Integer, Long> start : from.entrySet()) {
                if (applied(token, start.getKey()) + 1 < start.getValue()) {
                    return -1;
                }
            }
            return first;
        } finally {
            lock.unlock();
        }
    }

    /**
     * The record at {@code seq}, waiting for it up to {@code timeout}: null when none came in time,
     * {@link #LEFT_BEHIND} when the window no longer holds it or the head has stopped.
     */
    Entry await(long seq, long timeout, TimeUnit unit) throws InterruptedException {
        long remaining = unit.toNanos(timeout);
        lock.lock();
        try {
            while (true) {
                if (closed || seq < first) {
                    return LEFT_BEHIND;
                }
                if (seq < next) {
                    return ring[slot(seq)];
                }
                if (remaining <= 0) {
                    return null;
                }
                remaining = appended.awaitNanos(remaining);
            }
        } finally {
            lock.unlock();
        }
    }

    /** The offset of the last record of {@code partition} that {@code token} has applied; -1 for none. */
    long applied(KafkaTrackingToken token, int partition) {
        return token.getPositions().getOrDefault(new TopicPartition(topic, partition), -1L);
    }

    String topic() {
        return topic;
    }

    boolean isOpen() {
        return !closed;
    }

    private int slot(long seq) {
        return (int) (seq % ring.length);
    }

    private void stop() {
        lock.lock();
        try {
            closed = true;
            appended.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        stop();
        Consumer<String, byte[]> fetching = consumer;
        if (fetching != null) {
            try {
                fetching.wakeup();
            } catch (RuntimeException alreadyClosed) {
                // the fetching thread had stopped and closed it
            }
        }
    }
}
