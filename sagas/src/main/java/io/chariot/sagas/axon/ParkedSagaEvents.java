package io.chariot.sagas.axon;

import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcDeadLetter;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.deadletter.Cause;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.Decisions;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The operator's side of parked saga events: what is parked (per saga instance, oldest first, with the cause), a
 * retry that re-delivers an instance's parked events in order to its saga (after the cause is fixed) and drains
 * them, and a discard — an explicit decision that the instance will never see those events.
 */
public final class ParkedSagaEvents {

    /** One parked event of one saga instance. */
    public record Parked(String sagaId, String processingGroup, long index, String eventType, String aggregateId,
                         Long sequenceNumber, String eventId, Instant enqueuedAt, Instant lastTouched,
                         String causeType, String causeMessage) {
    }

    /** The result of a retry: whether the instance's events all went through, and how many stay parked. */
    public record RetryOutcome(String sagaId, boolean drained, long stillParked) {
    }

    private final Supplier<EventProcessingConfiguration> processing;
    private final Map<String, List<Class<?>>> sagasByGroup;
    private final TransactionManager transactions;

    public ParkedSagaEvents(Supplier<EventProcessingConfiguration> processing, List<SagaGroup> groups,
                            TransactionManager transactions) {
        this.processing = processing;
        this.sagasByGroup = SagaGroup.byName(groups);
        this.transactions = transactions;
    }

    /** How many events are parked for one instance. */
    public long count(String sagaId) {
        return group(sagaId).map(g -> queue(g).sequenceSize(sagaId)).orElse(0L);
    }

    /** How many events are parked in every saga group. */
    public long count() {
        return sagasByGroup.keySet().stream().mapToLong(g -> queue(g).size()).sum();
    }

    /** The first {@code limit} parked events of every saga group, instance by instance, oldest first. */
    public List<Parked> list(int limit) {
        List<Parked> parked = new ArrayList<>();
        for (String group : sagasByGroup.keySet()) {
            for (Iterable<DeadLetter<? extends EventMessage<?>>> sequence : queue(group).deadLetters()) {
                long index = 0;
                for (DeadLetter<? extends EventMessage<?>> letter : sequence) {
                    if (parked.size() >= limit) {
                        return parked;
                    }
                    parked.add(describe(group, letter, index++));
                }
            }
        }
        return parked;
    }

    /** One instance's parked events, oldest first. */
    public List<Parked> list(String sagaId) {
        List<Parked> parked = new ArrayList<>();
        group(sagaId).ifPresent(group -> {
            long index = 0;
            for (DeadLetter<? extends EventMessage<?>> letter : queue(group).deadLetterSequence(sagaId)) {
                parked.add(describe(group, letter, index++));
            }
        });
        return parked;
    }

    /**
     * Re-delivers the instance's parked events to its saga, in order; each that succeeds leaves the queue. The first
     * that fails again stays parked (with the new cause), and so do those behind it.
     */
    public RetryOutcome retry(String sagaId) {
        String group = group(sagaId).orElseThrow(() -> nothingParked(sagaId));
        boolean drained = queue(group).process(letter -> sagaId.equals(sequenceOf(letter)), letter -> {
            try {
                redeliver(group, letter.message());
                return Decisions.evict();
            } catch (Exception e) {
                return Decisions.requeue(SagaFailures.cause(e));
            }
        }) && queue(group).sequenceSize(sagaId) == 0;
        return new RetryOutcome(sagaId, drained, count(sagaId));
    }

    /** Removes an instance's parked events for good; returns how many were discarded. */
    public int discard(String sagaId) {
        String group = group(sagaId).orElseThrow(() -> nothingParked(sagaId));
        SequencedDeadLetterQueue<EventMessage<?>> queue = queue(group);
        List<DeadLetter<? extends EventMessage<?>>> letters = new ArrayList<>();
        queue.deadLetterSequence(sagaId).forEach(letters::add);
        transactions.executeInTransaction(() -> letters.forEach(queue::evict));
        return letters.size();
    }

    /** Every saga group's name. */
    java.util.Set<String> groups() {
        return sagasByGroup.keySet();
    }

    /**
     * Hands an event to the sagas of a group in its own unit of work and transaction; a failure is thrown (not
     * parked).
     */
    void redeliver(String group, EventMessage<?> event) throws Exception {
        DefaultUnitOfWork<EventMessage<?>> unitOfWork = DefaultUnitOfWork.startAndGet(event);
        unitOfWork.resources().put(SagaFailures.REDELIVERY, true);
        unitOfWork.attachTransaction(transactions);
        ResultMessage<?> result = unitOfWork.executeWithResult(() -> {
            for (Class<?> type : sagasByGroup.get(group)) {
                processing.get().sagaConfiguration(type).manager().handle(event, Segment.ROOT_SEGMENT);
            }
            return null;
        });
        if (result.isExceptional()) {
            Throwable failure = result.exceptionResult();
            throw failure instanceof Exception e ? e : new IllegalStateException(failure);
        }
    }

    private Optional<String> group(String sagaId) {
        return sagasByGroup.keySet().stream().filter(g -> queue(g).contains(sagaId)).findFirst();
    }

    private SequencedDeadLetterQueue<EventMessage<?>> queue(String group) {
        return processing.get().deadLetterQueue(group).orElseThrow(() -> new IllegalStateException(
                "saga group " + group + " has no dead-letter queue: configure it as a streaming processor"));
    }

    private static NoSuchElementException nothingParked(String sagaId) {
        return new NoSuchElementException("nothing is parked for saga " + sagaId);
    }

    private static String sequenceOf(DeadLetter<? extends EventMessage<?>> letter) {
        return letter instanceof JdbcDeadLetter<?> stored ? stored.getSequenceIdentifier() : null;
    }

    private static Parked describe(String group, DeadLetter<? extends EventMessage<?>> letter, long index) {
        EventMessage<?> event = letter.message();
        DomainEventMessage<?> domainEvent = event instanceof DomainEventMessage<?> d ? d : null;
        Cause cause = letter.cause().orElse(null);
        return new Parked(sequenceOf(letter), group, index, event.getPayloadType().getSimpleName(),
                domainEvent == null ? null : domainEvent.getAggregateIdentifier(),
                domainEvent == null ? null : domainEvent.getSequenceNumber(), event.getIdentifier(),
                letter.enqueuedAt(), letter.lastTouched(), cause == null ? null : cause.type(),
                cause == null ? null : Objects.toString(cause.message(), ""));
    }
}
