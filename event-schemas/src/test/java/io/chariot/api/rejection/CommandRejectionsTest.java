package io.chariot.api.rejection;

import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.CommandResultMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.callbacks.FutureCallback;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What a command bus with {@link CommandRejections} hands back when a handler refuses or fails. */
class CommandRejectionsTest {

    private static CommandResultMessage<?> handle(RuntimeException thrown) {
        SimpleCommandBus bus = SimpleCommandBus.builder().build();
        bus.registerHandlerInterceptor(new CommandRejections());
        bus.subscribe("refuse", command -> {
            throw thrown;
        });
        FutureCallback<Object, Object> result = new FutureCallback<>();
        bus.dispatch(new GenericCommandMessage<>(new org.axonframework.messaging.GenericMessage<>("payload"),
                "refuse"), result);
        return result.getResult();
    }

    @Test
    void aHandlersRejectionBecomesTheResultsDetailsWithTheOriginalAsCause() {
        Rejected refused = Rejected.conflict("job x is not queued");

        CommandResultMessage<?> result = handle(refused);

        assertThat(result.exceptionResult()).isInstanceOf(CommandExecutionException.class)
                .hasMessage("job x is not queued").hasCause(refused);
        assertThat(result.<Object>exceptionDetails()).contains(Rejection.conflict("job x is not queued"));
    }

    @Test
    void aMissingAggregateBecomesANotFoundRejection() {
        CommandResultMessage<?> result = handle(new AggregateNotFoundException("id", "no such preseed"));

        assertThat(result.<Object>exceptionDetails()).contains(Rejection.notFound("not found"));
        assertThat(result.exceptionResult().getCause()).isInstanceOf(AggregateNotFoundException.class);
    }

    @Test
    void aFaultPassesUnchanged() {
        IllegalStateException fault = new IllegalStateException("pool exhausted");

        CommandResultMessage<?> result = handle(fault);

        assertThat(result.exceptionResult()).isSameAs(fault);
        assertThat(result.exceptionDetails()).isEmpty();
    }
}
