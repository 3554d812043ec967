package io.chariot.projections;

import io.chariot.projections.verify.ReadModelDigest;

import java.util.List;

/**
 * A projection: a named read model in one store, written by one processing group, rebuildable by replaying the
 * event store. Bump {@link #version()} whenever the stored shape changes, so a rebuild knows the old one is stale.
 * <p>
 * A read model lives in a numbered <em>generation</em>: generation 0 is its original place (the shared Chariot
 * table, the plain Neo4j labels, the {@code chariot:} Redis prefix); a blue-green rebuild builds generation n+1
 * beside it (its own table, suffixed labels, a {@code chariot:gN:} prefix) and switches the read alias to it.
 */
public interface ReadModel {

    /** Unique name, e.g. {@code assets-dynamodb}; also its processing group. */
    String name();

    /** dynamodb, neo4j or redis. */
    String store();

    int version();

    default String processingGroup() {
        return name();
    }

    /** Creates tables, indexes and constraints if missing. Idempotent. */
    void ensureSchema();

    /** Removes everything this read model wrote in its generation (its reset handler calls this). */
    void clear();

    /** The generation this instance reads and writes. */
    int generation();

    /** Points this instance at another generation (the live handler after a blue-green switch). */
    void useGeneration(int generation);

    /** A new instance, not registered with any processor, writing to the given generation. */
    ReadModel forGeneration(int generation);

    /** Removes this generation entirely: its data and, where it has its own, its table. */
    void drop();

    /** Per-tenant record counts and content checksums of this generation (for verify). */
    ReadModelDigest digest();

    /**
     * Replays call this on each thread that applies events: the model may group this thread's writes (a Redis
     * pipeline, one Neo4j transaction for many events) until {@link #flushBatch()}. Live processors group their
     * batches their own way ({@code LiveBatches}, {@code LiveGraphBatches}).
     */
    default void beginBatch() {
    }

    /** Writes what this thread grouped; after it returns, every event applied on this thread is stored. */
    default void flushBatch() {
    }

    /** Flushes and leaves batch mode on this thread. */
    default void endBatch() {
        flushBatch();
    }

    /**
     * The read models that must be rebuilt together with this one because they write into each other's data
     * (the graph's risk edges point at asset nodes); by default just this one.
     */
    default List<String> rebuiltWith() {
        return List.of(name());
    }
}
