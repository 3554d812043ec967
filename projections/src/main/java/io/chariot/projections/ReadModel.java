package io.chariot.projections;

/**
 * A projection: a named read model in one store, written by one processing group, rebuildable by replaying the
 * event store. Bump {@link #version()} whenever the stored shape changes, so a rebuild knows the old one is stale.
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

    /** Removes everything this read model wrote (its reset handler calls this before a replay). */
    void clear();
}
