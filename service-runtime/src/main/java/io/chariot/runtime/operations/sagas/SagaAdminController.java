package io.chariot.runtime.operations.sagas;

import io.chariot.websupport.security.Operators;
import io.chariot.websupport.tenancy.Caller;
import io.chariot.websupport.web.ForbiddenException;
import io.chariot.sagas.axon.ParkedSagaEvents;
import io.chariot.sagas.runtime.SagaInstance;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.NoSuchElementException;

/**
 * The operator's view of the cross-context workflows, for the {@code ./chariot sagas} CLI and scripts: every saga
 * instance (type, state, associations, steps done, compensations run, pending deadlines) and the events parked
 * because a saga could not handle them, with retry and discard. Platform operators only. The explorer's pages
 * ({@link SagaPages}) do the same through the same {@link SagaOperations}.
 */
@SagasHere
@RestController
class SagaAdminController {

    private final SagaOperations sagas;
    private final Operators operators;

    SagaAdminController(SagaOperations sagas, Operators operators) {
        this.sagas = sagas;
        this.operators = operators;
    }

    /** {@code GET /admin/sagas}: the instances, and how many events are parked across all of them. */
    public record Sagas(List<SagaInstance> sagas, long parked) {
    }

    /** One instance with its parked events. */
    public record Saga(SagaInstance saga, List<ParkedSagaEvents.Parked> events) {
    }

    /** Every saga's parked events: how many, and the first {@code limit} of them. */
    public record Parked(long parked, List<ParkedSagaEvents.Parked> events) {
    }

    /** What a discard did: the instance's events discarded, and how many of its events stay parked. */
    public record Discarded(String sagaId, int discarded, long parked) {
    }

    @Operation(summary = "Saga instances, newest first: type, tenant, subject, state, associations, steps done, "
            + "compensations run, pending deadlines; filter by type, state (RUNNING, COMPENSATING, FLAGGED, "
            + "COMPLETED, COMPENSATED) and tenant")
    @GetMapping("/admin/sagas")
    Sagas list(Caller caller, @RequestParam(required = false) String type,
               @RequestParam(required = false) String state,
               @RequestParam(required = false) String tenant,
               @RequestParam(defaultValue = "100") int limit) {
        requireOperator(caller);
        return new Sagas(sagas.list(type, state, tenant, limit), sagas.parkedCount());
    }

    @Operation(summary = "One saga instance, with its parked events")
    @GetMapping("/admin/sagas/{id}")
    Saga show(Caller caller, @PathVariable String id) {
        requireOperator(caller);
        return new Saga(sagas.find(id), sagas.parked(id));
    }

    @Operation(summary = "Events parked because a saga could not handle them, per instance, oldest first, with the "
            + "cause; the instance's later events wait behind them")
    @GetMapping("/admin/sagas/parked")
    Parked parked(Caller caller, @RequestParam(defaultValue = "100") int limit) {
        requireOperator(caller);
        List<ParkedSagaEvents.Parked> events = sagas.parked(limit);
        return new Parked(sagas.parkedCount(), events);
    }

    @Operation(summary = "Re-deliver an instance's parked events to it, in order (after fixing their cause); the "
            + "first that fails again stays parked with its new cause, and those behind it")
    @PostMapping("/admin/sagas/{id}/parked/retry")
    ParkedSagaEvents.RetryOutcome retry(Caller caller, @PathVariable String id) {
        requireOperator(caller);
        return sagas.retry(id);
    }

    @Operation(summary = "Discard an instance's parked events for good: it will never see them")
    @DeleteMapping("/admin/sagas/{id}/parked")
    Discarded discard(Caller caller, @PathVariable String id) {
        requireOperator(caller);
        int discarded = sagas.discard(id);
        return new Discarded(id, discarded, sagas.parkedCount(id));
    }

    @Operation(summary = "Compensate an instance on purpose (reason required): it undoes what it did and ends, "
            + "whatever it waited for; its parked events are discarded once it has ended")
    @PostMapping("/admin/sagas/{id}/compensate")
    SagaInstance compensate(Caller caller, @PathVariable String id, @RequestParam(required = false) String reason) {
        requireOperator(caller);
        return sagas.compensate(id, reason, caller.user());
    }

    /** Nothing parked for an instance (retry, discard). */
    @ExceptionHandler(NoSuchElementException.class)
    ProblemDetail notFound(NoSuchElementException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
    }

    private void requireOperator(Caller caller) {
        if (caller.delegated() || !operators.contains(caller.user())) {
            throw new ForbiddenException(caller.user() + " is not a platform operator");
        }
    }
}
