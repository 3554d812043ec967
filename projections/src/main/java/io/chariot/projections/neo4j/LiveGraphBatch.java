package io.chariot.projections.neo4j;

import org.neo4j.driver.Driver;
import org.neo4j.driver.Session;
import org.neo4j.driver.Transaction;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * One Neo4j transaction for a live processor's whole batch of events, instead of one per event: Neo4j's cost per
 * event is mostly its commit (a log flush), so a batch of a hundred events commits once.
 * <p>
 * A failed statement ends a Neo4j transaction, and with it the writes of the batch's earlier events, whose handlers
 * have already returned. So the batch remembers each finished event's work and, after a failure, runs it again in a
 * fresh transaction before going on: the failed event alone is retried in place or parked, as if it had its own
 * transaction, and the events before it still commit with the batch. Work is re-run rather than its statements
 * replayed, because some work reads the node it writes (history appends) — against the rolled-back state it reads
 * what it read the first time.
 * <p>
 * Statements go one by one here, each in its event's handler: this is the way a batch whose grouped statements
 * ({@link GroupedGraphBatch}) failed is run again, and the way of every batch when grouping is off.
 */
final class LiveGraphBatch implements LiveGraphWrites {

    private final Session session;
    /** The work of the events that finished, in order: what a fresh transaction must hold before going on. */
    private final List<Function<SequencedGraphWriter.GraphTx, ?>> finished = new ArrayList<>();
    /** The current event's work so far. */
    private final List<Function<SequencedGraphWriter.GraphTx, ?>> current = new ArrayList<>();
    private Transaction tx;

    LiveGraphBatch(Driver driver) {
        this.session = driver.session();
    }

    @Override
    public <T> T run(Function<SequencedGraphWriter.GraphTx, T> work) {
        Transaction open = transaction();
        try {
            T result = work.apply(open::run);
            current.add(work);
            return result;
        } catch (RuntimeException e) {
            discard();
            throw e;
        }
    }

    @Override
    public void write(String cypher, Map<String, Object> params) {
        run(tx -> tx.run(cypher, params).consume());
    }

    @Override
    public void eventFinished() {
        finished.addAll(current);
        current.clear();
    }

    @Override
    public void eventAbandoned() {
        if (!current.isEmpty()) {
            discard();
        }
    }

    /** Commits the finished events' work. A failure is the whole batch's: the processor runs it again. */
    @Override
    public void commit() {
        current.clear();
        if (tx == null && finished.isEmpty()) {
            return;
        }
        Transaction open = transaction();
        try {
            open.commit();
        } finally {
            open.close();
            tx = null;
            finished.clear();
        }
    }

    @Override
    public void close() {
        try {
            if (tx != null) {
                tx.close();
            }
        } finally {
            tx = null;
            finished.clear();
            current.clear();
            session.close();
        }
    }

    /** The open transaction; after a failure, a fresh one that holds the finished events' work again. */
    private Transaction transaction() {
        if (tx != null) {
            return tx;
        }
        Transaction fresh = session.beginTransaction();
        try {
            for (Function<SequencedGraphWriter.GraphTx, ?> work : finished) {
                work.apply(fresh::run);
            }
        } catch (RuntimeException e) {
            fresh.close();
            throw e;
        }
        tx = fresh;
        return tx;
    }

    /** Rolls back the transaction (a later write or the commit opens a fresh one) and forgets the current event. */
    private void discard() {
        current.clear();
        if (tx != null) {
            LiveGraphWrites.closeQuietly(tx);
            tx = null;
        }
    }
}
