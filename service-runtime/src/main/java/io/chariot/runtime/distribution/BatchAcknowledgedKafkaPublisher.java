package io.chariot.runtime.distribution;

import org.apache.kafka.clients.producer.RecordMetadata;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.extensions.kafka.eventhandling.KafkaMessageConverter;
import org.axonframework.extensions.kafka.eventhandling.producer.KafkaPublisher;
import org.axonframework.extensions.kafka.eventhandling.producer.ProducerFactory;
import org.axonframework.extensions.kafka.eventhandling.producer.TopicResolver;
import org.axonframework.messaging.EventPublicationFailedException;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.monitoring.MessageMonitor;
import org.axonframework.monitoring.MessageMonitor.MonitorCallback;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Publishes events to Kafka and waits for the broker's acknowledgements once per unit of work (the publishing
 * processor's batch), before its token is committed. axon-kafka's own publisher waits for each event's
 * acknowledgement inside {@code send}, so a batch still costs one broker round trip per event, in series; here the
 * sends of a batch travel together (the producer's linger batches them) and one wait covers them all. A send that
 * fails or is not acknowledged in time fails the unit of work: the token stays, the batch is sent again.
 */
class BatchAcknowledgedKafkaPublisher extends KafkaPublisher<String, byte[]> {

    private static final String PENDING = BatchAcknowledgedKafkaPublisher.class.getName() + ".pending";

    private final ProducerFactory<String, byte[]> producers;
    private final KafkaMessageConverter<String, byte[]> converter;
    private final TopicResolver topics;
    private final MessageMonitor<? super EventMessage<?>> monitor;
    private final Duration ackTimeout;

    BatchAcknowledgedKafkaPublisher(ProducerFactory<String, byte[]> producers,
                                    KafkaMessageConverter<String, byte[]> converter, TopicResolver topics,
                                    MessageMonitor<? super EventMessage<?>> monitor, Duration ackTimeout) {
        super(KafkaPublisher.<String, byte[]>builder().producerFactory(producers).messageConverter(converter)
                .topicResolver(topics).messageMonitor(monitor).publisherAckTimeout(ackTimeout.toMillis()));
        if (producers.confirmationMode().isTransactional()) {
            throw new IllegalArgumentException("batch acknowledgements replace Kafka transactions; "
                    + "leave axon.kafka.producer.transaction-id-prefix unset");
        }
        this.producers = producers;
        this.converter = converter;
        this.topics = topics;
        this.monitor = monitor;
        this.ackTimeout = ackTimeout;
    }

    @Override
    public <T extends EventMessage<?>> void send(T event) {
        Optional<String> topic = topics.resolve(event);
        if (topic.isEmpty()) {
            return;
        }
        MonitorCallback callback = monitor.onMessageIngested(event);
        // the factory hands out one shared producer outside transactional mode; closing it is the factory's job
        Future<RecordMetadata> ack = producers.createProducer().send(converter.createKafkaMessage(event, topic.get()));
        Pending sent = new Pending(ack, callback);
        if (CurrentUnitOfWork.isStarted()) {
            pendingOf(CurrentUnitOfWork.get()).add(sent);
        } else {
            awaitAll(List.of(sent));
        }
    }

    private List<Pending> pendingOf(UnitOfWork<?> unitOfWork) {
        UnitOfWork<?> root = unitOfWork.root();
        return root.getOrComputeResource(PENDING, key -> {
            List<Pending> pending = new ArrayList<>();
            root.onPrepareCommit(u -> awaitAll(pending));
            return pending;
        });
    }

    private void awaitAll(List<Pending> pending) {
        long deadline = System.nanoTime() + ackTimeout.toNanos();
        for (Pending sent : pending) {
            try {
                sent.ack().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                sent.callback().reportSuccess();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw failed(pending, sent, e);
            } catch (ExecutionException | TimeoutException e) {
                throw failed(pending, sent, e);
            }
        }
    }

    private static EventPublicationFailedException failed(List<Pending> pending, Pending sent, Exception cause) {
        sent.callback().reportFailure(cause);
        return new EventPublicationFailedException("Kafka did not acknowledge event " + (pending.indexOf(sent) + 1)
                + " of a batch of " + pending.size() + "; the batch will be published again", cause);
    }

    private record Pending(Future<RecordMetadata> ack, MonitorCallback callback) {
    }
}
