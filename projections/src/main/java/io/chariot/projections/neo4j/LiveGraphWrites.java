package io.chariot.projections.neo4j;

import org.neo4j.driver.Transaction;

import java.util.Map;
import java.util.function.Function;

/**
 * A live graph read model processor's batch of writes, on the processor's thread ({@link LiveGraphBatches}): one
 * Neo4j transaction, committed with the processor's unit of work.
 */
interface LiveGraphWrites {

    /** Runs work that reads or writes in the batch's transaction; its result, or null when the batch has failed. */
    <T> T run(Function<SequencedGraphWriter.GraphTx, T> work);

    /** A statement that only writes, named by its parameters ({@link StatementGroups}). */
    void write(String cypher, Map<String, Object> params);

    /** The current event's writes are done: they commit with the batch. */
    void eventFinished();

    /** The current event will not be applied here (it was parked, or it failed): its writes must go. */
    void eventAbandoned();

    /** Commits the finished events' writes; a failure is the whole batch's. */
    void commit();

    /** Ends the batch, committed or not. */
    void close();

    /** Ends a transaction the server may already have ended (a failed statement ends it); a fresh one follows. */
    static void closeQuietly(Transaction tx) {
        try {
            tx.close();
        } catch (RuntimeException alreadyGone) {
            // Nothing of it is kept either way.
        }
    }
}
