package io.chariot.runtime.distribution;

import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.EventUtils;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingEventStream;
import org.axonframework.extensions.kafka.eventhandling.consumer.streamable.KafkaTrackingToken;

/**
 * One processor's stream of the topic: read from the shared {@link TopicHead} while the processor is within its
 * window, and with a consumer of its own while it is not (it starts behind, or fell behind). It moves onto the head
 * once its own consumer has caught up and has nothing buffered, and back to its own when the head let go of a record
 * it still needs. Either way the position it hands on is exactly what it has handed on: on the head, the
 * processor's own position advanced to each record's offset in its partition.
 */
final class HeadOrOwnStream implements TrackingEventStream {

    private final Supplier<TopicHead> heads;
    private final Function<KafkaTrackingToken, BlockingStream<TrackedEventMessage<?>>> ownStreams;
    /** Everything up to here has been handed on. */
    private KafkaTrackingToken handedOn;
    /** Null while on the head; volatile for {@link #onHead()}, which the metrics read from another thread. */
    private volatile BlockingStream<TrackedEventMessage<?>> own;
    private Runnable onClose = () -> { };
    private TopicHead head;
    private long seq;
    private TrackedEventMessage<?> pending;
    private long pendingSeq;

    HeadOrOwnStream(KafkaTrackingToken from, Supplier<TopicHead> heads,
                    Function<KafkaTrackingToken, BlockingStream<TrackedEventMessage<?>>> ownStreams) {
        this.handedOn = from;
        this.heads = heads;
        this.ownStreams = ownStreams;
        if (!attach()) {
            own = ownStreams.apply(from);
        }
    }

    /** True while it reads from the shared head. */
    boolean onHead() {
        return own == null;
    }

    @Override
    public Optional<TrackedEventMessage<?>> peek() {
        if (own != null) {
            return own.peek();
        }
        try {
            return Optional.ofNullable(nextOnHead(0));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    @Override
    public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
        if (own != null && !caughtUp()) {
            return own.hasNextAvailable(timeout, unit);
        }
        TrackedEventMessage<?> next = nextOnHead(unit.toNanos(timeout));
        if (own != null) { // left behind while waiting
            return own.hasNextAvailable(timeout, unit);
        }
        return next != null;
    }

    @Override
    public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
        if (own == null || caughtUp()) {
            TrackedEventMessage<?> next = null;
            while (own == null && next == null) {
                next = nextOnHead(TimeUnit.MILLISECONDS.toNanos(100));
            }
            if (next != null) {
                pending = null;
                seq = pendingSeq + 1;
                handedOn = (KafkaTrackingToken) next.trackingToken();
                return next;
            }
        }
        TrackedEventMessage<?> next = own.nextAvailable();
        handedOn = KafkaTrackingToken.from(next.trackingToken());
        return next;
    }

    /** Runs {@code action} when the stream closes. */
    HeadOrOwnStream onClose(Runnable action) {
        this.onClose = action;
        return this;
    }

    @Override
    public void close() {
        if (own != null) {
            own.close();
        }
        onClose.run();
    }

    /**
     * The next record on the head that this stream has not handed on yet, waiting for it up to {@code nanos}; null
     * when none came in time, or when the head let go of it (the stream then reads with its own consumer).
     */
    private TrackedEventMessage<?> nextOnHead(long nanos) throws InterruptedException {
        if (pending != null) {
            return pending;
        }
        long deadline = System.nanoTime() + nanos;
        while (true) {
            TopicHead.Entry entry = head.await(seq, Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (entry == null) {
                return null;
            }
            if (entry == TopicHead.LEFT_BEHIND) {
                head = null;
                own = ownStreams.apply(handedOn);
                return null;
            }
            if (entry.message() == null || entry.offset() <= head.applied(handedOn, entry.partition())) {
                seq++; // not an event, or applied before this stream moved onto the head
                continue;
            }
            pending = EventUtils.asTrackedEventMessage(entry.message(),
                    handedOn.advancedTo(head.topic(), entry.partition(), entry.offset()));
            pendingSeq = seq;
            return pending;
        }
    }

    /** Moves from its own consumer onto the head when that has nothing buffered and the head holds what comes next. */
    private boolean caughtUp() {
        if (own.peek().isPresent() || !attach()) {
            return false;
        }
        own.close();
        own = null;
        return true;
    }

    private boolean attach() {
        TopicHead current = heads.get();
        long start = current == null ? -1 : current.attach(handedOn);
        if (start < 0) {
            return false;
        }
        head = current;
        seq = start;
        pending = null;
        return true;
    }
}
