package io.chariot.runtime.distribution;

import java.util.Collection;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.axonframework.extensions.kafka.eventhandling.consumer.streamable.Buffer;
import org.axonframework.extensions.kafka.eventhandling.consumer.streamable.KafkaEventMessage;

/**
 * The consumer's buffer between Kafka's fetcher and a read model's processor, handing records on in the order they
 * were fetched. axon-kafka's default buffer sorts them by timestamp across partitions, but every record carries the
 * consumer's position <em>as of its fetch</em> (all partitions' records fetched before it included): a record handed on
 * ahead of one fetched before it stored a position past records not yet applied — a crash then skipped them — and a
 * record handed on after later-fetched ones stored a position behind what was applied, so an idle processor showed
 * lag for ever (BENCHMARKS.md, issue 12's catch-up). In fetch order the position stored after a record is exactly
 * what has been applied. Order within a partition, the only order the read models rely on (one aggregate's events
 * share a partition), is the same either way.
 */
public final class FetchOrderBuffer implements Buffer<KafkaEventMessage> {

    /** How often a {@link #take()} that waits looks for a fetch failure. */
    private static final long FAILURE_CHECK_MILLIS = 100;

    private final BlockingQueue<KafkaEventMessage> records;
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();

    public FetchOrderBuffer(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("a buffer holds at least one record, not " + capacity);
        }
        this.records = new ArrayBlockingQueue<>(capacity);
    }

    @Override
    public void put(KafkaEventMessage record) throws InterruptedException {
        records.put(record);
    }

    @Override
    public void putAll(Collection<KafkaEventMessage> batch) throws InterruptedException {
        for (KafkaEventMessage record : batch) {
            records.put(record);
        }
    }

    @Override
    public KafkaEventMessage poll(long timeout, TimeUnit unit) throws InterruptedException {
        KafkaEventMessage first = records.poll();
        if (first != null) {
            return first;
        }
        throwIfFailed();
        first = records.poll(timeout, unit);
        return first != null ? first : failedOrNull();
    }

    @Override
    public KafkaEventMessage take() throws InterruptedException {
        while (true) {
            KafkaEventMessage first = poll(FAILURE_CHECK_MILLIS, TimeUnit.MILLISECONDS);
            if (first != null) {
                return first;
            }
        }
    }

    @Override
    public KafkaEventMessage peek() {
        KafkaEventMessage first = records.peek();
        return first != null ? first : failedOrNull();
    }

    @Override
    public int size() {
        return records.size();
    }

    @Override
    public boolean isEmpty() {
        return records.isEmpty();
    }

    @Override
    public int remainingCapacity() {
        return records.remainingCapacity();
    }

    @Override
    public void clear() {
        records.clear();
    }

    /**
     * The fetcher failed: what it fetched before still goes to the processor, then the failure does (the processor
     * retries from its stored position), as axon-kafka's own buffer does.
     */
    @Override
    public void setException(RuntimeException exception) {
        failure.set(exception);
    }

    private KafkaEventMessage failedOrNull() {
        throwIfFailed();
        return null;
    }

    private void throwIfFailed() {
        RuntimeException e = failure.get();
        if (e != null) {
            throw e;
        }
    }
}
