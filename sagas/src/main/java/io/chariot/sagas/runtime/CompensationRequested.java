package io.chariot.sagas.runtime;

/**
 * An operator's decision that a saga instance must undo what it did and end, whatever it was waiting for (a parked
 * event, a deadline). Delivered to the instance directly, not through the event store: the decision is recorded in
 * the instance's journal (state, reason).
 */
public record CompensationRequested(String sagaId, String reason, String by) {

    /** The association key every instance carries (its own identifier), so a request reaches it. */
    public static final String ASSOCIATION = "sagaId";
}
