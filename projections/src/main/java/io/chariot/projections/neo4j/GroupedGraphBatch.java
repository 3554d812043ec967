package io.chariot.projections.neo4j;

import org.neo4j.driver.Driver;
import org.neo4j.driver.Session;
import org.neo4j.driver.Transaction;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A live processor's batch in one Neo4j transaction, its like statements sent as one {@code UNWIND} each
 * ({@link StatementGroups}, ADR 0030): they wait until the commit, or until work that reads (a history append)
 * needs them sent first.
 * <p>
 * A grouped statement fails after its event's handler returned, so the failure cannot be pinned on one event. The
 * batch keeps its first failure, sends nothing more, and fails its commit; {@link LiveGraphBatches} then runs the
 * batch again one event at a time ({@link LiveGraphBatch}), where a store that is away is retried in the handler and
 * an event the store refuses is parked alone.
 */
final class GroupedGraphBatch implements LiveGraphWrites {

    private final Session session;
    private final StatementGroups waiting = new StatementGroups();
    /** The current event's statements still waiting, to take back if it is not applied. */
    private final List<StatementGroups.Row> current = new ArrayList<>();
    /** Whether some of the current event's writes are already in the transaction. */
    private boolean currentSent;
    private Transaction tx;
    private RuntimeException failure;

    GroupedGraphBatch(Driver driver) {
        this.session = driver.session();
    }

    @Override
    public <T> T run(Function<SequencedGraphWriter.GraphTx, T> work) {
        if (failure != null) {
            return null;
        }
        currentSent = true;
        try {
            Transaction open = transaction();
            waiting.sendTo(StatementGroups.in(open));
            return work.apply(open::run);
        } catch (RuntimeException e) {
            fail(e);
            return null;
        }
    }

    @Override
    public void write(String cypher, Map<String, Object> params) {
        if (failure == null) {
            current.add(waiting.add(cypher, params));
        }
    }

    @Override
    public void eventFinished() {
        current.clear();
        currentSent = false;
    }

    @Override
    public void eventAbandoned() {
        boolean sent = currentSent;
        for (StatementGroups.Row row : current) {
            if (waiting.waiting(row)) {
                waiting.remove(row);
            } else {
                sent = true;
            }
        }
        current.clear();
        currentSent = false;
        if (sent && failure == null) {
            fail(new IllegalStateException("an event whose writes were already in the batch's transaction was not "
                    + "applied; the batch runs again one event at a time"));
        }
    }

    @Override
    public void commit() {
        current.clear();
        if (failure != null) {
            throw failure;
        }
        if (tx == null && waiting.size() == 0) {
            return;
        }
        Transaction open = transaction();
        try {
            waiting.sendTo(StatementGroups.in(open));
            open.commit();
        } finally {
            open.close();
            tx = null;
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
            session.close();
        }
    }

    private Transaction transaction() {
        if (tx == null) {
            tx = session.beginTransaction();
        }
        return tx;
    }

    /** Keeps the first failure for the commit and ends the transaction: nothing of this run of the batch stays. */
    private void fail(RuntimeException e) {
        failure = e;
        if (tx != null) {
            try {
                tx.close();
            } catch (RuntimeException alreadyGone) {
                // The server may have ended it already.
            } finally {
                tx = null;
            }
        }
    }
}
