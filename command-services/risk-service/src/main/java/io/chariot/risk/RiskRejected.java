package io.chariot.risk;

/**
 * A command the risk context refuses; nothing was applied. It is an {@link IllegalArgumentException}, so the HTTP
 * edge answers 400.
 */
public class RiskRejected extends IllegalArgumentException {

    public RiskRejected(String message) {
        super(message);
    }
}
