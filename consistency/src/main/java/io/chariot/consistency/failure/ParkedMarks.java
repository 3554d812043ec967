package io.chariot.consistency.failure;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * Marks, in the processor's unit of work, the events the dead-letter queue took, so whoever reports progress can
 * tell a parked event from an applied one (the dead-lettering invoker swallows the failure).
 */
public final class ParkedMarks {

    private static final String PREFIX = ParkedMarks.class.getName() + ":";

    private ParkedMarks() {
    }

    /** Called by the dead-letter queue as it takes an event (public so a test can stand in for the queue). */
    public static void mark(EventMessage<?> event) {
        CurrentUnitOfWork.ifStarted(unitOfWork -> unitOfWork.resources().put(PREFIX + event.getIdentifier(), true));
    }

    public static boolean isParked(UnitOfWork<?> unitOfWork, EventMessage<?> event) {
        return unitOfWork.resources().containsKey(PREFIX + event.getIdentifier());
    }
}
