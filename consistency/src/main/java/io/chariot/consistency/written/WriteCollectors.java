package io.chariot.consistency.written;

import java.util.List;
import java.util.function.Consumer;

/**
 * Where the commands sent by the current thread report the events they stored: an HTTP request opens a collector
 * for its duration, so every command its handler sends — however many — is waited for before it answers.
 */
public final class WriteCollectors {

    private final ThreadLocal<Consumer<List<WrittenEvent>>> current = new ThreadLocal<>();

    /** The collector of this thread, or null when nobody waits for this thread's writes. */
    public Consumer<List<WrittenEvent>> current() {
        return current.get();
    }

    /** Collects this thread's writes until the returned scope is closed. */
    public Scope open(Consumer<List<WrittenEvent>> collector) {
        Consumer<List<WrittenEvent>> previous = current.get();
        current.set(collector);
        return () -> {
            if (previous == null) {
                current.remove();
            } else {
                current.set(previous);
            }
        };
    }

    /** Ends a collection (no checked exception, for try-with-resources). */
    @FunctionalInterface
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }
}
