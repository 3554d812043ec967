package io.chariot.consistency.failure;

import io.chariot.consistency.applied.AppliedEvents;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.deadletter.Cause;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.SequencedDeadLetterProcessor;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * The operator's side of the dead-letter queues: what is parked in a processing group, a retry (after the cause is
 * fixed) that applies a parked sequence in order and drains it, and a discard — an explicit decision that a
 * sequence's events will never be applied to that group.
 * <p>
 * A sequence is one aggregate's events (the processors sequence per aggregate): once one of its events is parked,
 * the aggregate's later events wait behind it, while other aggregates flow on.
 */
public final class ParkedEvents {

    /** One parked event. */
    public record Parked(String sequence, long index, String eventType, String aggregateId, Long sequenceNumber,
                         String eventId, Instant enqueuedAt, Instant lastTouched, String causeType,
                         String causeMessage) {
    }

    /** The result of a retry: how many sequences were drained, and how many are still parked. */
    public record RetryOutcome(int drained, long stillParked) {
    }

    private final EventProcessingConfiguration processing;
    private final AppliedEvents applied;

    public ParkedEvents(EventProcessingConfiguration processing, AppliedEvents applied) {
        this.processing = processing;
        this.applied = applied;
    }

    /** How many events are parked in the group; 0 for a group without a dead-letter queue. */
    public long count(String group) {
        return processing.deadLetterQueue(group).map(SequencedDeadLetterQueue::size).orElse(0L);
    }

    /** The first {@code limit} parked events of the group, sequence by sequence, oldest first within each. */
    public List<Parked> list(String group, int limit) {
        List<Parked> parked = new ArrayList<>();
        for (Iterable<DeadLetter<? extends EventMessage<?>>> sequence : queue(group).deadLetters()) {
            long index = 0;
            for (DeadLetter<? extends EventMessage<?>> letter : sequence) {
                if (parked.size() >= limit) {
                    return parked;
                }
                parked.add(describe(letter, index++));
            }
        }
        return parked;
    }

    /**
     * Applies the parked events again, in order: one sequence ({@code sequence} set) or every sequence. A sequence
     * whose event fails again stays parked, with the new cause.
     */
    public RetryOutcome retry(String group, String sequence) {
        SequencedDeadLetterProcessor<EventMessage<?>> processor = processing.sequencedDeadLetterProcessor(group)
                .orElseThrow(() -> new NoSuchElementException("processing group " + group + " parks nothing"));
        int drained = 0;
        if (sequence != null) {
            if (!queue(group).contains(sequence)) {
                throw new NoSuchElementException("nothing is parked for " + sequence + " in " + group);
            }
            if (processor.process(letter -> sequence.equals(sequenceOf(letter)))) {
                drained++;
            }
        } else {
            // Each call drains at most one sequence; a sequence that fails again is not retried in the same call.
            long sequences = queue(group).amountOfSequences();
            for (long i = 0; i < sequences && processor.processAny(); i++) {
                drained++;
            }
        }
        return new RetryOutcome(drained, count(group));
    }

    /** Removes a sequence's parked events for good; returns how many were discarded. */
    public int discard(String group, String sequence) {
        SequencedDeadLetterQueue<EventMessage<?>> queue = queue(group);
        List<DeadLetter<? extends EventMessage<?>>> letters = new ArrayList<>();
        queue.deadLetterSequence(sequence).forEach(letters::add);
        if (letters.isEmpty()) {
            throw new NoSuchElementException("nothing is parked for " + sequence + " in " + group);
        }
        letters.forEach(queue::evict);
        applied.discarded(group, sequence);
        return letters.size();
    }

    private SequencedDeadLetterQueue<EventMessage<?>> queue(String group) {
        return processing.deadLetterQueue(group)
                .orElseThrow(() -> new NoSuchElementException("processing group " + group + " parks nothing"));
    }

    /** The processors sequence by aggregate; events without one are their own sequence. */
    private static String sequenceOf(DeadLetter<? extends EventMessage<?>> letter) {
        return letter.message() instanceof DomainEventMessage<?> event ? event.getAggregateIdentifier()
                : letter.message().getIdentifier();
    }

    private static Parked describe(DeadLetter<? extends EventMessage<?>> letter, long index) {
        EventMessage<?> event = letter.message();
        DomainEventMessage<?> domainEvent = event instanceof DomainEventMessage<?> d ? d : null;
        Cause cause = letter.cause().orElse(null);
        return new Parked(sequenceOf(letter), index, event.getPayloadType().getSimpleName(),
                domainEvent == null ? null : domainEvent.getAggregateIdentifier(),
                domainEvent == null ? null : domainEvent.getSequenceNumber(), event.getIdentifier(),
                letter.enqueuedAt(), letter.lastTouched(), cause == null ? null : cause.type(),
                cause == null ? null : Objects.toString(cause.message(), ""));
    }
}
