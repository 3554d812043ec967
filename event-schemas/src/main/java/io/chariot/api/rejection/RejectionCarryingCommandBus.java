package io.chariot.api.rejection;

import org.axonframework.commandhandling.CommandCallback;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.CommandResultMessage;
import org.axonframework.commandhandling.GenericCommandResultMessage;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.messaging.HandlerExecutionException;
import org.axonframework.messaging.MessageHandler;

/**
 * The local command bus, whose results carry every rejection in their details — also a conflict found when the unit
 * of work commits (a concurrent append: {@code ConcurrencyException}), which happens after the handler returned and
 * so after {@link CommandRejections}. Without it such a conflict keeps its own type, which a distributed command bus
 * does not carry: 409 in one process, 500 across processes (ADR 0016).
 */
public class RejectionCarryingCommandBus extends SimpleCommandBus {

    protected RejectionCarryingCommandBus(Builder builder) {
        super(builder);
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    protected <C, R> void handle(CommandMessage<C> command, MessageHandler<? super CommandMessage<?>> handler,
                                 CommandCallback<? super C, ? super R> callback) {
        super.handle(command, handler, new CommandCallback<C, R>() {
            @Override
            public void onResult(CommandMessage<? extends C> message, CommandResultMessage<? extends R> result) {
                callback.onResult(message, carryingRejection(result));
            }
        });
    }

    /** The result, its failure turned into one that carries its rejection if it is one and does not yet. */
    static <R> CommandResultMessage<? extends R> carryingRejection(CommandResultMessage<? extends R> result) {
        if (!result.isExceptional() || result.exceptionResult() instanceof HandlerExecutionException) {
            return result;
        }
        Throwable failure = result.exceptionResult();
        return Rejections.of(failure).<CommandResultMessage<? extends R>>map(rejection ->
                        new GenericCommandResultMessage<R>(
                                new CommandExecutionException(rejection.message(), failure, rejection),
                                result.getMetaData()))
                .orElse(result);
    }

    public static class Builder extends SimpleCommandBus.Builder {
        @Override
        public RejectionCarryingCommandBus build() {
            return new RejectionCarryingCommandBus(this);
        }
    }
}
