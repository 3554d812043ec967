package io.chariot.consistency.failure;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.List;

/**
 * Which processing groups are waiting for a failing store right now, since when and why — for their status, their
 * health, and the writers waiting to see their writes (who should not wait for a store that is down).
 */
public final class ProcessingFailures {

    /** A processing group that cannot apply events now. */
    public record Failing(String group, Instant since, long attempts, String cause) {
    }

    /** Told when a group starts or stops failing. */
    public interface Listener {
        void failing(String group, String cause);

        void recovered(String group);
    }

    private final Map<String, Failing> failing = new ConcurrentHashMap<>();
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private final Clock clock;

    public ProcessingFailures(Clock clock) {
        this.clock = clock;
    }

    public void addListener(Listener listener) {
        listeners.add(listener);
    }

    /** Another attempt failed for a reason waiting may cure. */
    public void failed(String group, Throwable cause) {
        String reason = describe(cause);
        Failing now = failing.compute(group, (g, before) -> before == null
                ? new Failing(g, clock.instant(), 1, reason)
                : new Failing(g, before.since(), before.attempts() + 1, reason));
        if (now.attempts() == 1) {
            listeners.forEach(l -> l.failing(group, reason));
        }
    }

    public void recovered(String group) {
        if (failing.remove(group) != null) {
            listeners.forEach(l -> l.recovered(group));
        }
    }

    public Optional<Failing> failing(String group) {
        return Optional.ofNullable(failing.get(group));
    }

    public Map<String, Failing> all() {
        return Map.copyOf(failing);
    }

    /**
     * The deepest cause's simple type name and message: what an operator needs, without a stack trace or a package
     * name (status answers are shown to API callers, who must not learn the platform's internals).
     */
    public static String describe(Throwable failure) {
        Throwable root = root(failure);
        String message = root.getMessage() == null ? "" : ": " + root.getMessage();
        String text = root.getClass().getSimpleName() + message;
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }

    static Throwable root(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }
}
