package io.chariot.runtime.operations.sagas;

import io.chariot.api.rejection.Rejected;
import io.chariot.websupport.web.BadRequestException;
import io.chariot.websupport.web.NotFoundException;
import io.chariot.sagas.axon.ParkedSagaEvents;
import io.chariot.sagas.axon.SagaSteering;
import io.chariot.sagas.runtime.SagaInstance;
import io.chariot.sagas.runtime.SagaJournal;
import io.chariot.sagas.runtime.SagaState;
import org.springframework.stereotype.Component;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * What an operator may do with the sagas, whichever way they come in — the admin API ({@link SagaAdminController})
 * or the explorer's pages ({@link SagaPages}): the same filters, the same checks of their input (refusals are
 * {@link Rejected}, so each edge answers them its own way: problem details or a page), the same actions. Who is an
 * operator is the edge's question.
 */
@SagasHere
@Component
class SagaOperations {

    static final int MAX_LIMIT = 10_000;
    static final int MAX_REASON = 300;

    private final SagaJournal journal;
    private final ParkedSagaEvents parked;
    private final SagaSteering steering;

    SagaOperations(SagaJournal journal, ParkedSagaEvents parked, SagaSteering steering) {
        this.journal = journal;
        this.parked = parked;
        this.steering = steering;
    }

    /** Instances, newest first, each with its count of parked events; blank filters do not filter. */
    List<SagaInstance> list(String type, String state, String tenant, int limit) {
        return journal.list(blankToNull(type), state(state), blankToNull(tenant), limit(limit)).stream()
                .map(s -> s.withParked(parked.count(s.sagaId()))).toList();
    }

    /** How many instances each type has in each state (types in name order). */
    Map<String, Map<SagaState, Long>> counts() {
        return journal.counts();
    }

    /** How many events are parked in every saga group. */
    long parkedCount() {
        return parked.count();
    }

    /** One instance, with its count of parked events; unknown: not found. */
    SagaInstance find(String sagaId) {
        SagaInstance saga = journal.find(sagaId).orElseThrow(() -> new NotFoundException("no saga " + sagaId));
        return saga.withParked(parked.count(sagaId));
    }

    /** One instance's parked events, oldest first. */
    List<ParkedSagaEvents.Parked> parked(String sagaId) {
        return parked.list(sagaId);
    }

    /** Every group's parked events, instance by instance, oldest first. */
    List<ParkedSagaEvents.Parked> parked(int limit) {
        return parked.list(limit(limit));
    }

    /** Re-delivers the instance's parked events in order; nothing parked: not found. */
    ParkedSagaEvents.RetryOutcome retry(String sagaId) {
        return parked.retry(sagaId);
    }

    /** Discards the instance's parked events for good; returns how many. Nothing parked: not found. */
    int discard(String sagaId) {
        return parked.discard(sagaId);
    }

    long parkedCount(String sagaId) {
        return parked.count(sagaId);
    }

    /**
     * Compensates the instance on purpose. A missing or overlong reason is invalid; an ended instance, or a
     * compensation a context refused (rolled back: the instance is as it was), is a conflict.
     */
    SagaInstance compensate(String sagaId, String reason, String by) {
        if (reason == null || reason.isBlank()) {
            throw new BadRequestException("reason is required: say why the saga is compensated");
        }
        if (reason.length() > MAX_REASON) {
            throw new BadRequestException("reason must be at most " + MAX_REASON + " characters");
        }
        try {
            return steering.compensate(sagaId, reason.trim(), by);
        } catch (NoSuchElementException e) {
            throw new NotFoundException(e.getMessage());
        } catch (SagaSteering.AlreadyEndedException e) {
            throw Rejected.conflict(e.getMessage());
        } catch (RuntimeException e) {
            throw Rejected.conflict("the compensation failed and was rolled back: " + rootMessage(e));
        }
    }

    static SagaState state(String state) {
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

    static int limit(int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new BadRequestException("limit must be between 1 and " + MAX_LIMIT);
        }
        return limit;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
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
