package io.chariot.consistency.applied;

/** A write that a read model cannot show now: its event is parked, or the model's store is failing. */
public class NotVisibleException extends RuntimeException {

    private final String readModel;

    public NotVisibleException(String readModel, String reason) {
        super(readModel + ": " + reason, null, false, false);
        this.readModel = readModel;
    }

    public String readModel() {
        return readModel;
    }
}
