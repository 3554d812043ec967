package io.chariot.api.origin;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.correlation.CorrelationDataProvider;

import java.util.HashMap;
import java.util.Map;

/**
 * What every message created while another is handled inherits from it, beyond Axon's correlation and causation ids
 * ({@code MessageOriginProvider}, which must be registered beside this one): the {@link MessageOrigin#REQUEST
 * request} travels down the whole chain, and the events a command applies learn its name, its own cause and the saga
 * that sent it ({@link MessageOrigin#COMMAND}, {@link MessageOrigin#COMMAND_CAUSE},
 * {@link MessageOrigin#COMMAND_SENDER}).
 */
public final class OriginCorrelation implements CorrelationDataProvider {

    @Override
    public Map<String, ?> correlationDataFor(Message<?> message) {
        Map<String, Object> data = new HashMap<>();
        Object request = message.getMetaData().get(MessageOrigin.REQUEST);
        if (request != null) {
            data.put(MessageOrigin.REQUEST, request);
        }
        if (message instanceof CommandMessage<?> command) {
            data.put(MessageOrigin.COMMAND, MessageOrigin.simpleName(command.getCommandName()));
            Object cause = message.getMetaData().get(MessageOrigin.CAUSATION_ID);
            if (cause != null) {
                data.put(MessageOrigin.COMMAND_CAUSE, cause);
            }
            Object sender = message.getMetaData().get(MessageOrigin.COMMAND_SENDER);
            if (sender != null) {
                data.put(MessageOrigin.COMMAND_SENDER, sender);
            }
        }
        return data;
    }
}
