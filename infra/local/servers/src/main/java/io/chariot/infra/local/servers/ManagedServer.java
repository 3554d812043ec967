package io.chariot.infra.local.servers;

import java.util.Map;
import java.util.Optional;

/** One server of the stack: started (and health-checked) on its own thread, stopped in reverse order. */
interface ManagedServer {

    /** {@code postgres}, {@code kafka}, {@code dynamodb}, {@code neo4j} or {@code redis}. */
    String name();

    /** Starts the server and returns once it answers on {@link #endpoint()}. */
    void start() throws Exception;

    /** Where clients reach it (valid after {@link #start()}). */
    String endpoint();

    /** Extra facts for the endpoints file, keyed as there (e.g. {@code postgres.settings.fsync}). */
    default Map<String, String> attributes() {
        return Map.of();
    }

    void stop() throws Exception;

    /**
     * The server's own OS process when it runs outside this JVM (PostgreSQL, Redis): the stack restarts it when it
     * dies and has it stopped when the stack itself is killed ({@link Reaper}).
     */
    default Optional<ProcessHandle> process() {
        return Optional.empty();
    }

    /** The signal that stops {@link #process()} cleanly and quickly. */
    default String stopSignal() {
        return "TERM";
    }

    /** Starts a server whose {@link #process()} died again, on the same endpoint and data. */
    default void restart() throws Exception {
        throw new UnsupportedOperationException(name() + " runs in the stack's JVM");
    }
}
