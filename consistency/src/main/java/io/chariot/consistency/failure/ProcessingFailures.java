package io.chariot.consistency.failure;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

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

    /**
     * The attempt from which listeners (the writers waiting to see their writes) are told: a single failure that the
     * first retry cures — two Neo4j transactions deadlocking, one chosen to retry — must not turn writers away with a
     * 503; a store that is down fails the retry too, and they learn it one back-off (100 ms) later.
     */
    static final int TOLD_FROM_ATTEMPT = 2;

    /** Another attempt failed for a reason waiting may cure. */
    public void failed(String group, Throwable cause) {
        String reason = describe(cause);
        Failing now = failing.compute(group, (g, before) -> before == null
                ? new Failing(g, clock.instant(), 1, reason)
                : new Failing(g, before.since(), before.attempts() + 1, reason));
        if (now.attempts() == TOLD_FROM_ATTEMPT) {
            listeners.forEach(l -> l.failing(group, reason));
        }
    }

    public void recovered(String group) {
        Failing was = failing.remove(group);
        if (was != null && was.attempts() >= TOLD_FROM_ATTEMPT) {
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
     * The deepest cause in words — its kind from its type's name, then its message — without a type or package name
     * (status answers are shown to API callers, who must not learn the platform's internals): Neo4j's
     * {@code TransientException: Database unavailable} reads "transient: Database unavailable".
     */
    public static String describe(Throwable failure) {
        Throwable root = root(failure);
        String kind = inWords(root.getClass().getSimpleName());
        String text = root.getMessage() == null || root.getMessage().isBlank() ? kind
                : kind + ": " + withoutTypeNames(root.getMessage());
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }

    private static final Pattern QUALIFIED_TYPE = Pattern.compile("\\b(?:[a-z_][\\w$]*\\.)+([A-Z][\\w$]*)");
    private static final Pattern TYPE_NAME = Pattern.compile("\\b\\w+(?:Exception|Error)\\b");
    private static final Pattern WORD_START = Pattern.compile("(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])");

    /** "SocketTimeoutException" → "socket timeout"; "IOException" → "IO"; "OutOfMemoryError" → "out of memory". */
    static String inWords(String typeName) {
        String bare = typeName.replaceFirst("(?:Exception|Error)$", "");
        String words = WORD_START.splitAsStream(bare.isEmpty() ? typeName : bare)
                .map(w -> w.equals(w.toUpperCase(Locale.ROOT)) ? w : w.toLowerCase(Locale.ROOT)) // "SQL" stays
                .collect(Collectors.joining(" "));
        return words.isEmpty() ? "failure" : words;
    }

    /** Messages quote other failures by type ("…: java.net.ConnectException: refused"): keep their words only. */
    static String withoutTypeNames(String message) {
        String simple = QUALIFIED_TYPE.matcher(message).replaceAll("$1");
        return TYPE_NAME.matcher(simple).replaceAll(m -> Matcher.quoteReplacement(inWords(m.group())));
    }

    static Throwable root(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }
}
