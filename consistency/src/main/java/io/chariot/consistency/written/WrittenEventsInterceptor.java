package io.chariot.consistency.written;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * Tells a command's sender which events the command stored. As a handler interceptor on the command bus it gives
 * the command's result a list; as a dispatch interceptor on the event bus it notes there every domain event the
 * command's unit of work stores. The event bus intercepts when the unit of work prepares to commit — after the
 * handler has returned its result — so the result reads the list into its metadata only when asked, after the
 * commit ({@link WrittenEventsResult}). Metadata crosses a distributed command bus where a thread-local would not.
 */
public final class WrittenEventsInterceptor implements MessageHandlerInterceptor<CommandMessage<?>>,
        MessageDispatchInterceptor<EventMessage<?>> {

    private static final String RESOURCE = WrittenEventsInterceptor.class.getName();

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork,
                         InterceptorChain chain) throws Exception {
        List<WrittenEvent> written = new ArrayList<>();
        unitOfWork.resources().put(RESOURCE, written);
        Object result = chain.proceed();
        return result instanceof ResultMessage<?> ? result : new WrittenEventsResult<>(result, written);
    }


    @Override
    public BiFunction<Integer, EventMessage<?>, EventMessage<?>> handle(List<? extends EventMessage<?>> messages) {
        return (index, event) -> {
            if (event instanceof DomainEventMessage<?> domainEvent && CurrentUnitOfWork.isStarted()) {
                notedBy(CurrentUnitOfWork.get()).ifPresent(written -> written.add(new WrittenEvent(
                        domainEvent.getAggregateIdentifier(), domainEvent.getSequenceNumber(),
                        domainEvent.getPayloadType().getName())));
            }
            return event;
        };
    }

    /** The nearest command's list: a command sent from an event handler runs in a unit of work nested in its. */
    private static Optional<List<WrittenEvent>> notedBy(UnitOfWork<?> unitOfWork) {
        for (UnitOfWork<?> u = unitOfWork; u != null; u = u.parent().orElse(null)) {
            List<WrittenEvent> written = u.getResource(RESOURCE);
            if (written != null) {
                return Optional.of(written);
            }
        }
        return Optional.empty();
    }
}
