package io.chariot.websupport.web;

import io.chariot.api.rejection.Rejected;
import io.chariot.api.rejection.Rejection;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.Test;
import org.springframework.http.ProblemDetail;

import static org.assertj.core.api.Assertions.assertThat;

/** The one mapping from a rejection to a problem: its code gives the status, its message the detail. */
class RejectionProblemsTest {

    private final ProblemHandling handling = new ProblemHandling();

    private static void assertProblem(ProblemDetail problem, int status, String detail) {
        assertThat(problem.getStatus()).isEqualTo(status);
        assertThat(problem.getDetail()).isEqualTo(detail);
    }

    @Test
    void eachCodeAnswersItsStatus() {
        assertProblem(handling.rejected(Rejected.invalid("bad status")), 400, "bad status");
        assertProblem(handling.rejected(Rejected.forbidden("read only")), 403, "read only");
        assertProblem(handling.rejected(Rejected.notFound("no such job")), 404, "no such job");
        assertProblem(handling.rejected(Rejected.conflict("job x is not queued")), 409, "job x is not queued");
    }

    @Test
    void theEdgesOwnRejectionsAnswerAsBefore() {
        assertProblem(handling.rejected(new BadRequestException("key is required")), 400, "key is required");
        assertProblem(handling.rejected(new ForbiddenException("read only")), 403, "read only");
        assertProblem(handling.rejected(new NotFoundException("no webhook")), 404, "no webhook");
        assertProblem(handling.rejected(new IllegalArgumentException("not an asset key: x")), 400,
                "not an asset key: x");
    }

    @Test
    void aCommandBusWrappingAnswersLikeWhatItWraps() {
        assertProblem(handling.rejected(new CommandExecutionException("x", Rejected.conflict("taken"),
                Rejection.conflict("taken"))), 409, "taken");
        assertProblem(handling.rejected(new CommandExecutionException("x",
                new AggregateNotFoundException("tenant#asset#a", "no asset tenant#asset#a"))), 404, "not found");
        assertProblem(handling.rejected(new ConcurrencyException("sequence taken")), 409,
                "concurrent modification, retry the request");
    }

    @Test
    void aFaultIsA500ThatSaysNothingOfIt() {
        assertProblem(handling.rejected(new CommandExecutionException("db down at 10.0.0.1",
                new IllegalStateException("db down at 10.0.0.1"))), 500, "command failed");
    }

    @Test
    void aRejectionsDetailIsMadeSafeLikeEveryOther() {
        assertProblem(handling.rejected(Rejected.invalid("failed in io.chariot.asset.Asset.handle(x)")), 400,
                "the request is not valid");
    }
}
