package io.chariot.consistency.failure;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * Tells a failure that waiting can cure (a store down, stalled or throttling, a timed-out call) from one it cannot
 * (a bug, a value the store refuses). Transient failures are retried until the store answers; the others park
 * the event. Each store's module adds what its client throws ({@link Rule} beans); a cause anywhere in the chain
 * decides.
 */
public final class TransientFailures {

    /** Recognises the transient failures of one store or library. */
    @FunctionalInterface
    public interface Rule extends Predicate<Throwable> {
    }

    /** What any JVM client throws when its peer is unreachable or slow, and Axon's handler time-out. */
    public static final Rule GENERIC = t -> t instanceof IOException || t instanceof TimeoutException
            || t instanceof InterruptedException
            || t instanceof org.axonframework.messaging.timeout.AxonTimeoutException
            || t instanceof org.springframework.dao.TransientDataAccessException
            || t instanceof org.springframework.dao.RecoverableDataAccessException
            || t instanceof org.springframework.jdbc.CannotGetJdbcConnectionException;

    private final List<Rule> rules;

    public TransientFailures(List<? extends Rule> rules) {
        this.rules = new ArrayList<>(rules);
        this.rules.add(GENERIC);
    }

    public boolean isTransient(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            for (Rule rule : rules) {
                if (rule.test(t)) {
                    return true;
                }
            }
        }
        return false;
    }
}
