package io.chariot.api.input;

import io.chariot.api.rejection.Rejected;

/**
 * The one rule of every aggregate's command handlers: a command's target identifier is its tenant and key, and it
 * reaches only the aggregate of that identifier. A command that says otherwise was built by hand or altered on the
 * way, and is refused as invalid input before anything is applied.
 */
public final class CommandTargets {

    private CommandTargets() {
    }

    /**
     * Refuses a command whose identifier is not {@code expected} (the context's identifier of {@code tenant} and
     * {@code key}), or that reached an aggregate of another identifier ({@code current}; null before it exists).
     *
     * @param kind what the aggregate is called in messages: asset, risk, job …
     */
    public static void require(String kind, String commandId, String expected, String tenant, String key,
                               String current) {
        if (!expected.equals(commandId)) {
            throw Rejected.invalid(kind + " id " + commandId + " does not match tenant " + tenant + " and key " + key);
        }
        if (current != null && !current.equals(expected)) {
            throw Rejected.invalid("command for " + expected + " reached " + kind + " " + current);
        }
    }
}
