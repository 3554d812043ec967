package io.chariot.runtime.distribution;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
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

    private final ArrayDeque<KafkaEventMessage> records = new ArrayDeque<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final Condition notFull = lock.newCondition();
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
    private final int capacity;

    public FetchOrderBuffer(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("a buffer holds at least one record, not " + capacity);
        }
        this.capacity = capacity;
    }

    @Override
    public void put(KafkaEventMessage record) throws InterruptedException {
        lock.lockInterruptibly();
        try {
            while (records.size() >= capacity) {
                notFull.await();
            }
            records.addLast(record);
            notEmpty.signal();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void putAll(Collection<KafkaEventMessage> batch) throws InterruptedException {
        for (KafkaEventMessage record : batch) {
            put(record);
        }
    }

    @Override
    public KafkaEventMessage poll(long timeout, TimeUnit unit) throws InterruptedException {
        long nanos = unit.toNanos(timeout);
        lock.lockInterruptibly();
        try {
            while (records.isEmpty()) {
                throwIfFailed();
                if (nanos <= 0) {
                    return null;
                }
                nanos = notEmpty.awaitNanos(nanos);
            }
            return takeFirst();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public KafkaEventMessage take() throws InterruptedException {
        lock.lockInterruptibly();
        try {
            while (records.isEmpty()) {
                throwIfFailed();
                notEmpty.await();
            }
            return takeFirst();
        } finally {
            lock.unlock();
        }
    }

    private KafkaEventMessage takeFirst() {
        KafkaEventMessage first = records.removeFirst();
        notFull.signal();
        return first;
    }

    @Override
    public KafkaEventMessage peek() {
        lock.lock();
        try {
            if (records.isEmpty()) {
                throwIfFailed();
            }
            return records.peekFirst();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int size() {
        lock.lock();
        try {
            return records.size();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean isEmpty() {
        return size() == 0;
    }

    @Override
    public int remainingCapacity() {
        return capacity - size();
    }

    @Override
    public void clear() {
        lock.lock();
        try {
            records.clear();
            notFull.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * The fetcher failed: what it fetched before still goes to the processor, then the failure does (the processor
     * retries from its stored position), as axon-kafka's own buffer does.
     */
    @Override
    public void setException(RuntimeException exception) {
        failure.set(exception);
        lock.lock();
        try {
            notEmpty.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void throwIfFailed() {
        RuntimeException e = failure.get();
        if (e != null) {
            throw e;
        }
    }
}
