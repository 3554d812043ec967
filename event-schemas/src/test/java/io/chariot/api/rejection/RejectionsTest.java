package io.chariot.api.rejection;

import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.messaging.RemoteExceptionDescription;
import org.axonframework.messaging.RemoteHandlingException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** How a failure reads as a rejection, here and when it comes back from another process. */
class RejectionsTest {

    @Test
    void aRejectionThrownInThisProcessIsReadFromTheException() {
        assertThat(Rejections.of(Rejected.conflict("job x is not queued")))
                .contains(Rejection.conflict("job x is not queued"));
    }

    @Test
    void aRejectionFromAnotherProcessIsReadFromTheDetailsAlone() {
        var remote = new RemoteHandlingException(new RemoteExceptionDescription(java.util.List.of(
                "io.chariot.api.rejection.Rejected: no such thing")));
        var arrived = new CommandExecutionException("no such thing", remote, Rejection.notFound("no such thing"));

        assertThat(Rejections.of(arrived)).contains(Rejection.notFound("no such thing"));
        assertThat(Rejections.is(arrived, Rejection.Code.NOT_FOUND)).isTrue();
        assertThat(Rejections.is(arrived, Rejection.Code.CONFLICT)).isFalse();
    }

    @Test
    void aCommandBusWrappingInThisProcessIsSeenThrough() {
        var wrapped = new CommandExecutionException("wrapped", Rejected.invalid("bad status"));

        assertThat(Rejections.of(wrapped)).contains(Rejection.invalid("bad status"));
    }

    @Test
    void missingAggregatesConcurrentWritesAndBadArgumentsAreRejectionsWithoutNamingIdentifiers() {
        assertThat(Rejections.of(new AggregateNotFoundException("tenant#asset#x", "no asset tenant#asset#x")))
                .contains(Rejection.notFound("not found"));
        assertThat(Rejections.of(new ConcurrencyException("sequence 3 taken")))
                .contains(Rejection.conflict("concurrent modification, retry the request"));
        assertThat(Rejections.of(new AggregateStreamCreationException("taken")))
                .contains(Rejection.conflict("concurrent modification, retry the request"));
        assertThat(Rejections.of(new IllegalArgumentException("not an asset key: x")))
                .contains(Rejection.invalid("not an asset key: x"));
    }

    @Test
    void aFaultIsNoRejectionHoweverItIsWrapped() {
        assertThat(Rejections.of(new IllegalStateException("pool exhausted"))).isEmpty();
        assertThat(Rejections.of(new CommandExecutionException("failed", new IllegalStateException("x")))).isEmpty();
        assertThat(Rejections.of(new CommandExecutionException("failed", null, "some other details"))).isEmpty();
        // only a command bus's own wrapping is looked through, not any chain that happens to hold a bad argument
        assertThat(Rejections.of(new RuntimeException(new IllegalArgumentException("deep")))).isEmpty();
    }
}
