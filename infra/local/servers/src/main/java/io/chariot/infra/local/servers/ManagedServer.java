package io.chariot.infra.local.servers;

import java.util.Map;

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
}
