package io.chariot.sagas.axon;

import io.chariot.consistency.failure.RetryingErrorHandler;
import io.chariot.consistency.failure.TransientFailures;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.eventhandling.ListenerInvocationErrorHandler;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.deadletter.GenericDeadLetter;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.axonframework.messaging.deadletter.ThrowableCause;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.modelling.saga.Saga;

import java.time.Instant;
import java.util.function.Supplier;

/**
 * What a saga group does when a saga's handler fails on an event (Axon has no dead-letter queue for sagas; this is
 * the equivalent, in the projections' queue and shape). A transient failure is retried on the spot
 * ({@link RetryingErrorHandler}, as for projections); any other parks the event in the group's dead-letter queue
 * under the saga instance's identifier, with its cause, and the processor moves on. The instance's later events
 * then wait behind it ({@link ParkBehind}) until an operator retries or discards them ({@link ParkedSagaEvents}).
 * <p>
 * During an operator's retry the failure is thrown instead, so the retry can keep the event parked with its new
 * cause.
 */
final class SagaFailures implements ListenerInvocationErrorHandler {

    private static final int MAX_CAUSE_LENGTH = 1000;
    /** A unit-of-work resource set while an operator's retry re-delivers parked events. */
    static final String REDELIVERY = SagaFailures.class.getName() + ".redelivery";

    private final RetryingErrorHandler retrying;
    private final TransientFailures transientFailures;
    private final Supplier<SequencedDeadLetterQueue<EventMessage<?>>> queue;

    SagaFailures(RetryingErrorHandler retrying, TransientFailures transientFailures,
                 Supplier<SequencedDeadLetterQueue<EventMessage<?>>> queue) {
        this.retrying = retrying;
        this.transientFailures = transientFailures;
        this.queue = queue;
    }

    @Override
    public void onError(Exception exception, EventMessage<?> event, EventMessageHandler handler) throws Exception {
        if (redelivering()) {
            throw exception;
        }
        try {
            retrying.onError(exception, event, handler);
        } catch (Exception permanent) {
            // still transient: the processor stops; its batch rolls back and the event is handled again later
            if (!(handler instanceof Saga<?> saga) || transientFailures.isTransient(permanent)) {
                throw permanent;
            }
            Instant now = GenericDeadLetter.clock.instant();
            queue.get().enqueue(saga.getSagaIdentifier(), new GenericDeadLetter<>(saga.getSagaIdentifier(), event,
                    cause(permanent), now, now, MetaData.emptyInstance()));
        }
    }

    static boolean redelivering() {
        return CurrentUnitOfWork.isStarted() && CurrentUnitOfWork.get().root().resources().containsKey(REDELIVERY);
    }

    /** The deepest cause's type and message — what an operator needs — without a stack. */
    static ThrowableCause cause(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? "" : root.getMessage();
        return new ThrowableCause(root.getClass().getName(),
                message.length() > MAX_CAUSE_LENGTH ? message.substring(0, MAX_CAUSE_LENGTH) : message);
    }
}
