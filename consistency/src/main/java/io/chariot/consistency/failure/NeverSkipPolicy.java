package io.chariot.consistency.failure;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.Decisions;
import org.axonframework.messaging.deadletter.EnqueueDecision;
import org.axonframework.messaging.deadletter.EnqueuePolicy;
import org.axonframework.messaging.deadletter.ThrowableCause;

/**
 * Parks an event whose handler failed for good; never lets one through unapplied. Axon's only other choice,
 * "do not enqueue", would skip the event; so a transient failure that reaches this policy (its retry was cut short
 * because the processor is stopping or the unit of work timed out) is thrown instead: the processor rolls its
 * batch back, keeps its token, and handles the event again later.
 */
public final class NeverSkipPolicy implements EnqueuePolicy<EventMessage<?>> {

    private static final int MAX_CAUSE_LENGTH = 1000;

    private final TransientFailures transientFailures;

    public NeverSkipPolicy(TransientFailures transientFailures) {
        this.transientFailures = transientFailures;
    }

    @Override
    public EnqueueDecision<EventMessage<?>> decide(DeadLetter<? extends EventMessage<?>> letter, Throwable cause) {
        if (transientFailures.isTransient(cause)) {
            throw new RetryLaterException(cause);
        }
        return Decisions.enqueue(truncated(cause));
    }

    /** The deepest cause's type and message — what an operator needs — without a stack. */
    private static Throwable truncated(Throwable cause) {
        Throwable root = ProcessingFailures.root(cause);
        String message = root.getMessage() == null ? "" : root.getMessage();
        return new ThrowableCause(root.getClass().getName(),
                message.length() > MAX_CAUSE_LENGTH ? message.substring(0, MAX_CAUSE_LENGTH) : message);
    }

    /** Stops the processor's batch so the event is handled again, not skipped. */
    public static final class RetryLaterException extends RuntimeException {
        RetryLaterException(Throwable cause) {
            super("transient failure, the batch will be retried: " + ProcessingFailures.describe(cause), cause);
        }
    }
}
