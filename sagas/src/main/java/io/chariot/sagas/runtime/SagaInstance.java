package io.chariot.sagas.runtime;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One saga instance as an operator sees it.
 *
 * @param associations  how events find it (key → value)
 * @param steps         the steps done, in order
 * @param compensations the compensations run, in order
 * @param deadlines     pending deadlines: name → when it fires
 * @param parked        how many of its events are parked (0 when none)
 */
public record SagaInstance(String sagaId, String type, String tenant, String subject, SagaState state,
                           String reason, Map<String, String> associations, List<String> steps,
                           List<String> compensations, Map<String, Instant> deadlines, Instant startedAt,
                           Instant updatedAt, long parked) {

    public SagaInstance withParked(long count) {
        return new SagaInstance(sagaId, type, tenant, subject, state, reason, associations, steps, compensations,
                deadlines, startedAt, updatedAt, count);
    }
}
