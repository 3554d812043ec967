package io.chariot.sagas.runtime;

import java.time.Duration;
import java.util.Map;

/**
 * What a workflow asks of the saga machinery it runs in, and the only door to it: the workflows in this module
 * speak to this port, never to Axon's saga API, so moving off Axon 4 sagas (absent from Axon 5) replaces one
 * adapter ({@code io.chariot.sagas.axon.AxonSagaRuntime}) and the thin {@code @Saga} shells.
 * <p>
 * Every call acts on the instance whose event is being handled, and is recorded for the operator's view
 * ({@link SagaJournal}) in the same transaction as the instance's own state.
 */
public interface SagaRuntime {

    /** Opens the instance's record: its type, tenant, what it is about and how events find it. Idempotent. */
    void begin(String type, String tenant, String subject, Map<String, String> associations);

    /** Later events carrying this association reach this instance too. */
    void associate(String key, String value);

    /** A step was done (its effect is applied in its context). */
    void stepDone(String step);

    /** A compensation ran (a step's effect was undone). */
    void compensated(String step);

    /** The instance changes state without ending (e.g. compensating, or flagged for an operator). */
    void state(SagaState state, String reason);

    /** A durable deadline: fires after {@code after}, also across restarts, unless cancelled. */
    void schedule(String deadline, Duration after, Object payload);

    /** Cancels a pending deadline (nothing if none is pending). */
    void cancel(String deadline);

    /** A deadline fired: it is no longer pending. */
    void fired(String deadline);

    /** The event that created the instance does not concern the workflow: the instance ends, leaving no record. */
    void dismiss();

    /** The instance ends in a final state; it receives no more events. */
    void end(SagaState state, String reason);
}
