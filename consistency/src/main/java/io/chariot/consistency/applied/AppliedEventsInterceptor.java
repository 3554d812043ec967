package io.chariot.consistency.applied;

import io.chariot.consistency.failure.ParkedMarks;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;


/**
 * Reports each event a read model's processor handled to {@link AppliedEvents} — as applied, or as parked when the
 * dead-letter queue took it ({@link ParkedMarks}) — once the processor's unit of work has committed, so a report
 * never runs ahead of the stored token.
 */
public final class AppliedEventsInterceptor implements MessageHandlerInterceptor<EventMessage<?>> {

    private final String readModel;
    private final AppliedEvents applied;

    public AppliedEventsInterceptor(String readModel, AppliedEvents applied) {
        this.readModel = readModel;
        this.applied = applied;
    }

    @Override
    public Object handle(UnitOfWork<? extends EventMessage<?>> unitOfWork,
                         InterceptorChain chain) throws Exception {
        Object result = chain.proceed();
        if (unitOfWork.getMessage() instanceof DomainEventMessage<?> event) {
            String aggregateId = event.getAggregateIdentifier();
            long sequenceNumber = event.getSequenceNumber();
            if (ParkedMarks.isParked(unitOfWork, event)) {
                unitOfWork.afterCommit(u -> applied.parked(readModel, aggregateId, sequenceNumber));
            } else {
                unitOfWork.afterCommit(u -> applied.applied(readModel, aggregateId, sequenceNumber));
            }
        }
        return result;
    }
}
