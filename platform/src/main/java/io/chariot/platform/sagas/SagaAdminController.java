package io.chariot.platform.sagas;

import io.chariot.gateway.security.Operators;
import io.chariot.gateway.tenancy.Caller;
import io.chariot.gateway.web.BadRequestException;
import io.chariot.gateway.web.ForbiddenException;
import io.chariot.sagas.axon.ParkedSagaEvents;
import io.chariot.sagas.axon.SagaSteering;
import io.chariot.sagas.runtime.SagaInstance;
import io.chariot.sagas.runtime.SagaJournal;
import io.chariot.sagas.runtime.SagaState;
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

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;

/**
 * The operator's view of the cross-context workflows, for the {@code ./chariot sagas} CLI, the explorer and
 * scripts: every saga instance (type, state, associations, steps done, compensations run, pending deadlines) and
 * the events parked because a saga could not handle them, with retry and discard. Platform operators only.
 */
@RestController
class SagaAdminController {

    private static final int MAX_LIMIT = 10_000;

    private final SagaJournal journal;
    private final ParkedSagaEvents parked;
    private final SagaSteering steering;
    private final Operators operators;

    SagaAdminController(SagaJournal journal, ParkedSagaEvents parked, SagaSteering steering, Operators operators) {
        this.journal = journal;
        this.parked = parked;
        this.steering = steering;
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
        List<SagaInstance> sagas = journal.list(blankToNull(type), state(state), blankToNull(tenant), limit(limit))
                .stream().map(s -> s.withParked(parked.count(s.sagaId()))).toList();
        return new Sagas(sagas, parked.count());
    }

    @Operation(summary = "One saga instance, with its parked events")
    @GetMapping("/admin/sagas/{id}")
    Saga show(Caller caller, @PathVariable String id) {
        requireOperator(caller);
        SagaInstance saga = journal.find(id).orElseThrow(() -> new NoSuchElementException("no saga " + id));
        List<ParkedSagaEvents.Parked> events = parked.list(id);
        return new Saga(saga.withParked(events.size()), events);
    }

    @Operation(summary = "Events parked because a saga could not handle them, per instance, oldest first, with the "
            + "cause; the instance's later events wait behind them")
    @GetMapping("/admin/sagas/parked")
    Parked parked(Caller caller, @RequestParam(defaultValue = "100") int limit) {
        requireOperator(caller);
        return new Parked(parked.count(), parked.list(limit(limit)));
    }

    @Operation(summary = "Re-deliver an instance's parked events to it, in order (after fixing their cause); the "
            + "first that fails again stays parked with its new cause, and those behind it")
    @PostMapping("/admin/sagas/{id}/parked/retry")
    ParkedSagaEvents.RetryOutcome retry(Caller caller, @PathVariable String id) {
        requireOperator(caller);
        return parked.retry(id);
    }

    @Operation(summary = "Discard an instance's parked events for good: it will never see them")
    @DeleteMapping("/admin/sagas/{id}/parked")
    Discarded discard(Caller caller, @PathVariable String id) {
        requireOperator(caller);
        int discarded = parked.discard(id);
        return new Discarded(id, discarded, parked.count(id));
    }

    @Operation(summary = "Compensate an instance on purpose (reason required): it undoes what it did and ends, "
            + "whatever it waited for; its parked events are discarded once it has ended")
    @PostMapping("/admin/sagas/{id}/compensate")
    SagaInstance compensate(Caller caller, @PathVariable String id, @RequestParam(required = false) String reason) {
        requireOperator(caller);
        if (reason == null || reason.isBlank()) {
            throw new BadRequestException("reason is required: say why the saga is compensated");
        }
        if (reason.length() > 300) {
            throw new BadRequestException("reason must be at most 300 characters");
        }
        try {
            return steering.compensate(id, reason.trim(), caller.user());
        } catch (NoSuchElementException | SagaSteering.AlreadyEndedException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new CompensationFailedException(e);
        }
    }

    /** A compensation a context refused: nothing of this attempt stays; the instance is as it was. */
    static final class CompensationFailedException extends RuntimeException {
        CompensationFailedException(Throwable cause) {
            super("the compensation failed and was rolled back: " + rootMessage(cause), cause);
        }

        private static String rootMessage(Throwable e) {
            Throwable t = e;
            while (t.getCause() != null && t.getCause() != t) {
                t = t.getCause();
            }
            String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
            return m.length() > 200 ? m.substring(0, 200) : m;
        }
    }

    @ExceptionHandler({SagaSteering.AlreadyEndedException.class, CompensationFailedException.class})
    ProblemDetail conflict(RuntimeException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
    }

    private static SagaState state(String state) {
        if (state == null || state.isBlank()) {
            return null;
        }
        try {
            return SagaState.valueOf(state.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("state must be one of " + Arrays.toString(SagaState.values()) + ", got '"
                    + (state.length() > 40 ? state.substring(0, 40) + "…" : state) + "'");
        }
    }

    private static int limit(int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new BadRequestException("limit must be between 1 and " + MAX_LIMIT);
        }
        return limit;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

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
