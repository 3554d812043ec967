package io.chariot.sagas.runtime;

/** Where a saga instance stands, as the operator's view shows it. */
public enum SagaState {
    /** Doing its steps, or waiting for an event or deadline. */
    RUNNING,
    /** A step failed: undoing what was done, in reverse. */
    COMPENSATING,
    /** Waiting for an operator (a deadline passed with nothing to undo, or a compensation failed). */
    FLAGGED,
    /** Every step done. */
    COMPLETED,
    /** A step failed and every step done before it was undone. */
    COMPENSATED;

    public boolean isFinal() {
        return this == COMPLETED || this == COMPENSATED;
    }
}
