package io.chariot.runtime.distribution;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.extensions.kafka.eventhandling.KafkaMessageConverter;
import org.axonframework.extensions.kafka.eventhandling.consumer.streamable.KafkaTrackingToken;
import org.axonframework.extensions.kafka.eventhandling.consumer.streamable.StreamableKafkaMessageSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The read models' Kafka source with one consumer for all the processors that are at the head of the topic. Each read
 * model has its own processor, and each opened a consumer of its own, so every record was fetched once per read model:
 * a fetch request per processor for every few records, the broker's and the consumers' work growing with the number
 * of read models (a tenth of the platform's CPU in its fetch threads, a quarter of the stack's in Kafka, BENCHMARKS.md
 * issue 14). Now one {@link TopicHead} fetches the records once and keeps the last of them; the processors that are
 * within that window read from it, and one that is behind (a rebuild, a restart after a while, a long stall) reads
 * with a consumer of its own from {@code own} until it has caught up.
 */
final class SharedHeadSource extends StreamableKafkaMessageSource<String, byte[]> implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SharedHeadSource.class);

    private final Supplier<TopicHead> starter;
    private final Duration retryAfterFailure;
    private final LongSupplier nanoTime;
    private final Set<HeadOrOwnStream> open = ConcurrentHashMap.newKeySet();
    private TopicHead head;
    private long noStartBefore;
    private boolean closed;

    /**
     * @param own               how a processor reads with a consumer of its own (axon-kafka's source)
     * @param starter           starts a new head (a consumer at the end of the topic)
     * @param retryAfterFailure how long after a head failed, or could not start, the next one is tried
     */
    SharedHeadSource(StreamableKafkaMessageSource.Builder<String, byte[]> own, Supplier<TopicHead> starter,
                     Duration retryAfterFailure, LongSupplier nanoTime) {
        super(own);
        this.starter = starter;
        this.retryAfterFailure = retryAfterFailure;
        this.nanoTime = nanoTime;
    }

    /** A starter of heads fed by consumers from {@code consumers}, for the topic {@code topic}. */
    static Supplier<TopicHead> heads(Supplier<Consumer<String, byte[]>> consumers, String topic,
                                     KafkaMessageConverter<String, byte[]> converter, int capacity) {
        return () -> TopicHead.start(consumers.get(), topic, converter, capacity);
    }

    @Override
    public BlockingStream<TrackedEventMessage<?>> openStream(TrackingToken token) {
        HeadOrOwnStream stream = new HeadOrOwnStream(KafkaTrackingToken.from(token), this::head, super::openStream);
        open.add(stream);
        return stream.onClose(() -> open.remove(stream));
    }

    /** How many open streams read from the shared head ({@code true}) and with consumers of their own. */
    long streams(boolean onHead) {
        return open.stream().filter(stream -> stream.onHead() == onHead).count();
    }

    /** The running head, started when there is none (not again within the pause after a failure); null if none. */
    synchronized TopicHead head() {
        if (closed) {
            return null;
        }
        if (head != null && head.isOpen()) {
            return head;
        }
        if (head != null) { // it stopped: its consumer failed
            failed();
        }
        if (nanoTime.getAsLong() - noStartBefore < 0) {
            return null;
        }
        try {
            head = starter.get();
            return head;
        } catch (RuntimeException e) {
            log.warn("Could not start the shared head of the topic; processors read with consumers of their own for"
                    + " now: {}", e.toString());
            failed();
            return null;
        }
    }

    /** A head failed or could not start: none is tried again before the pause has passed. */
    private synchronized void failed() {
        head = null;
        noStartBefore = nanoTime.getAsLong() + retryAfterFailure.toNanos();
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (head != null) {
            head.close();
            head = null;
        }
    }
}
