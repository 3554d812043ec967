package io.chariot.websupport.web;

import io.axoniq.axonserver.grpc.command.CommandResponse;
import io.chariot.api.rejection.CommandRejections;
import io.chariot.api.rejection.Rejected;
import io.chariot.api.rejection.RejectionCarryingCommandBus;
import io.chariot.api.rejection.Rejection;
import org.axonframework.axonserver.connector.AxonServerConfiguration;
import org.axonframework.axonserver.connector.command.CommandSerializer;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.CommandResultMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.commandhandling.callbacks.FutureCallback;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A rejection crosses a distributed command bus and still answers the same problem: the handler's process puts the
 * command result on Axon Server's wire format (the connector's own {@link CommandSerializer}, with the Jackson
 * serializer the platform configures for messages), the sender's process reads it back from bytes, and only then is it
 * mapped to HTTP.
 */
class RejectionsAcrossProcessesTest {

    /** Like the platform's {@code axon.serializer.messages: jackson} over Spring Boot's ObjectMapper. */
    private final Serializer serializer = JacksonSerializer.builder()
            .objectMapper(Jackson2ObjectMapperBuilder.json().build()).build();
    private final CommandSerializer wire = new CommandSerializer(serializer, new AxonServerConfiguration());
    private final ProblemHandling handling = new ProblemHandling();

    /** What the handling process's command bus answers when its handler throws. */
    private static CommandResultMessage<?> handled(RuntimeException thrown, boolean withRejectionsAsDetails) {
        SimpleCommandBus bus = SimpleCommandBus.builder().build();
        if (withRejectionsAsDetails) {
            bus.registerHandlerInterceptor(new CommandRejections());
        }
        bus.subscribe("claim", command -> {
            throw thrown;
        });
        FutureCallback<Object, Object> result = new FutureCallback<>();
        bus.dispatch(new GenericCommandMessage<>(new GenericMessage<>("claim job x"), "claim"), result);
        return result.getResult();
    }

    /** Through bytes, as Axon Server carries it from the handling process to the sender. */
    private CommandResultMessage<?> acrossProcesses(CommandResultMessage<?> result) throws Exception {
        byte[] bytes = wire.serialize(result, "request-1").toByteArray();
        return wire.deserialize(CommandResponse.parseFrom(bytes));
    }

    private static void assertSameProblem(ProblemDetail remote, ProblemDetail local) {
        assertThat(remote.getStatus()).isEqualTo(local.getStatus());
        assertThat(remote.getDetail()).isEqualTo(local.getDetail());
        assertThat(remote.getTitle()).isEqualTo(local.getTitle());
    }

    @Test
    void aConflictFromAnotherProcessAnswersTheSame409AsInThisProcess() throws Exception {
        CommandResultMessage<?> local = handled(Rejected.conflict("job x is not queued (status JR)"), true);

        CommandResultMessage<?> remote = acrossProcesses(local);

        Throwable arrived = remote.exceptionResult();
        assertThat(arrived).isInstanceOf(CommandExecutionException.class);
        assertThat(arrived.getCause()).isNotInstanceOf(Rejected.class); // the type did not travel, the details did
        ProblemDetail problem = handling.rejected((Exception) arrived);
        assertThat(problem.getStatus()).isEqualTo(409);
        assertThat(problem.getDetail()).isEqualTo("job x is not queued (status JR)");
        assertSameProblem(problem, handling.rejected((Exception) local.exceptionResult()));
    }

    @Test
    void everyCodeSurvivesTheWire() throws Exception {
        for (Rejection.Code code : Rejection.Code.values()) {
            Rejection rejection = new Rejection(code, "refused as " + code);
            CommandResultMessage<?> local = handled(new Rejected(rejection), true);

            CommandResultMessage<?> remote = acrossProcesses(local);

            assertThat(remote.<Object>exceptionDetails()).contains(rejection);
            assertSameProblem(handling.rejected((Exception) remote.exceptionResult()),
                    handling.rejected((Exception) local.exceptionResult()));
        }
    }

    @Test
    void aMissingAggregateInAnotherProcessIsStillAbsent() throws Exception {
        CommandResultMessage<?> remote = acrossProcesses(
                handled(new AggregateNotFoundException("t#asset#a", "no asset t#asset#a"), true));

        RuntimeException arrived = (RuntimeException) remote.exceptionResult();
        assertThat(Absent.is(arrived)).isTrue();
        assertThat(handling.rejected(arrived).getStatus()).isEqualTo(404);
    }

    @Test
    void aConcurrentWriteFoundWhenTheHandlingProcessCommitsAnswersTheSame409AcrossProcesses() throws Exception {
        SimpleCommandBus bus = RejectionCarryingCommandBus.builder().build();
        bus.registerHandlerInterceptor(new CommandRejections());
        bus.subscribe("claim", command -> {
            // the event store finds the aggregate's sequence taken only when the unit of work commits
            CurrentUnitOfWork.get().onPrepareCommit(u -> {
                throw new ConcurrencyException("sequence 3 of t#job#x is taken");
            });
            return null;
        });
        FutureCallback<Object, Object> result = new FutureCallback<>();
        bus.dispatch(new GenericCommandMessage<>(new GenericMessage<>("claim job x"), "claim"), result);
        CommandResultMessage<?> local = result.getResult();

        CommandResultMessage<?> remote = acrossProcesses(local);

        assertThat(local.exceptionResult().getCause()).isInstanceOf(ConcurrencyException.class);
        ProblemDetail problem = handling.rejected((Exception) remote.exceptionResult());
        assertThat(problem.getStatus()).isEqualTo(409);
        assertSameProblem(problem, handling.rejected((Exception) local.exceptionResult()));
    }

    @Test
    void onAPlainLocalBusTheSameConflictArrivesAsAFault() throws Exception {
        // why the bus exists: CommandRejections never sees a failure of the commit
        SimpleCommandBus bus = SimpleCommandBus.builder().build();
        bus.registerHandlerInterceptor(new CommandRejections());
        bus.subscribe("claim", command -> {
            CurrentUnitOfWork.get().onPrepareCommit(u -> {
                throw new ConcurrencyException("sequence 3 of t#job#x is taken");
            });
            return null;
        });
        FutureCallback<Object, Object> result = new FutureCallback<>();
        bus.dispatch(new GenericCommandMessage<>(new GenericMessage<>("claim job x"), "claim"), result);

        CommandResultMessage<?> remote = acrossProcesses(result.getResult());

        assertThat(handling.rejected((Exception) remote.exceptionResult()).getStatus()).isEqualTo(500);
    }

    @Test
    void theDetailsArePlainDataToTheMessageSerializer() {
        CommandResultMessage<?> local = handled(Rejected.invalid("retries must not be negative, got -1"), true);

        SerializedObject<String> serialized = serializer.serialize(local.exceptionDetails().orElseThrow(),
                String.class);

        assertThat(serialized.getData()).isEqualTo(
                "{\"code\":\"INVALID\",\"message\":\"retries must not be negative, got -1\"}");
        assertThat((Object) serializer.deserialize(serialized))
                .isEqualTo(Rejection.invalid("retries must not be negative, got -1"));
    }

    @Test
    void withoutDetailsARejectionArrivesAsAFault() throws Exception {
        // why the interceptor exists: the exception's type does not cross processes
        CommandResultMessage<?> remote = acrossProcesses(handled(Rejected.conflict("job x is not queued"), false));

        assertThat(handling.rejected((Exception) remote.exceptionResult()).getStatus()).isEqualTo(500);
    }
}
