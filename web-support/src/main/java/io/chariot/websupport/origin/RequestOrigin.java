package io.chariot.websupport.origin;

import io.chariot.api.origin.MessageOrigin;
import jakarta.servlet.http.HttpServletRequest;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.servlet.HandlerMapping;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Where a command comes from, in its metadata ({@link MessageOrigin}), decided when it is sent:
 * <ul>
 *     <li>sent while an HTTP request is handled (and not from inside another message's handling, which passes its
 *     own origin on): the request's id becomes its correlation id ({@link MessageOrigin#CORRELATION_ID}) and the
 *     endpoint its {@link MessageOrigin#REQUEST} ({@code PUT /risk}, {@code POST /hook/{user}/{pin}}: the
 *     mapping's pattern, so nothing from the URL itself is recorded);</li>
 *     <li>sent by an event processor while it handles an event (a saga): that processor's name becomes its
 *     {@link MessageOrigin#COMMAND_SENDER} ({@link #PROCESSOR} marks the unit of work).</li>
 * </ul>
 * Axon's correlation providers copy the rest onto every event and command that follows.
 */
public final class RequestOrigin implements MessageDispatchInterceptor<CommandMessage<?>> {

    /** The unit-of-work resource naming the event processor handling the current event. */
    public static final String PROCESSOR = RequestOrigin.class.getName() + ".processor";

    @Override
    public BiFunction<Integer, CommandMessage<?>, CommandMessage<?>> handle(
            List<? extends CommandMessage<?>> messages) {
        return (index, command) -> {
            if (CurrentUnitOfWork.isStarted()) {
                String processor = processor(CurrentUnitOfWork.get());
                return processor == null || command.getMetaData().containsKey(MessageOrigin.COMMAND_SENDER)
                        ? command : command.andMetaData(Map.of(MessageOrigin.COMMAND_SENDER, processor));
            }
            if (command.getMetaData().containsKey(MessageOrigin.CORRELATION_ID)
                    || !(RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes)) {
                return command;
            }
            HttpServletRequest request = attributes.getRequest();
            Object id = request.getAttribute(RequestIdFilter.ATTRIBUTE);
            if (id == null) {
                return command;
            }
            Map<String, Object> origin = new HashMap<>();
            origin.put(MessageOrigin.CORRELATION_ID, id);
            origin.put(MessageOrigin.REQUEST, endpoint(request));
            return command.andMetaData(origin);
        };
    }

    private static String processor(UnitOfWork<?> unitOfWork) {
        for (UnitOfWork<?> u = unitOfWork; u != null; u = u.parent().orElse(null)) {
            Object name = u.getResource(PROCESSOR);
            if (name instanceof String s) {
                return s;
            }
        }
        return null;
    }

    /** {@code METHOD pattern}: the handler mapping's pattern, or {@code METHOD ?} before one was chosen. */
    static String endpoint(HttpServletRequest request) {
        Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
        return request.getMethod() + " " + (pattern instanceof String p ? p : "?");
    }
}
