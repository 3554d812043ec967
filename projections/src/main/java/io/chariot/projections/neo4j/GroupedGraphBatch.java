package io.chariot.projections.neo4j;

import org.neo4j.driver.Driver;
import org.neo4j.driver.Session;
import org.neo4j.driver.Transaction;
import org.neo4j.driver.exceptions.RetryableException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A live processor's batch in one Neo4j transaction, its like statements sent as one {@code UNWIND} each
 * ({@link StatementGroups}, ADR 0030): they wait until the commit, or until work that reads needs them sent first.
 * <p>
 * The graph's processors lock the same nodes (a risk's target is an asset), so a batch can be a deadlock's victim.
 * Neo4j then ends the transaction; the batch runs what the transaction held again in a fresh one and goes on, up to
 * {@value #ATTEMPTS} times, as the one-at-a-time batch does for its finished events (ADR 0018).
 * <p>
 * Any other failure cannot be pinned on one event: a group holds several events' rows and is sent after their
 * handlers returned. The batch keeps its first such failure, sends nothing more, and fails its commit;
 * {@link LiveGraphBatches} then runs the batch again one event at a time ({@link LiveGraphBatch}), where a store that
 * is away is retried in the handler and an event the store refuses is parked alone.
 */
final class GroupedGraphBatch implements LiveGraphWrites {

    /** Tries of one step after a transient failure (a deadlock, a leader switch) before the batch fails. */
    static final int ATTEMPTS = 3;

    private final Session session;
    private final StatementGroups waiting = new StatementGroups();
    /** What the open transaction holds, in order: to run again in a fresh one after a transient failure. */
    private final List<Function<SequencedGraphWriter.GraphTx, ?>> held = new ArrayList<>();
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
            sendWaiting();
            return attempt(work);
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
            if (!waiting.remove(row)) {
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
        sendWaiting();
        try {
            attempt(open -> {
                tx.commit();
                return null;
            });
        } finally {
            closeTransaction();
            held.clear();
        }
    }

    @Override
    public void close() {
        try {
            closeTransaction();
        } finally {
            held.clear();
            session.close();
        }
    }

    private void sendWaiting() {
        List<StatementGroups.Statement> statements = waiting.take();
        if (!statements.isEmpty()) {
            attempt(open -> {
                statements.forEach(statement -> open.run(statement.cypher(), statement.params()).consume());
                return null;
            });
        }
    }

    /**
     * Runs a step in the transaction and remembers it. After a transient failure the transaction is gone: a fresh
     * one runs what the old one held, then the step again.
     */
    private <T> T attempt(Function<SequencedGraphWriter.GraphTx, T> step) {
        for (int attempt = 1; ; attempt++) {
            try {
                boolean fresh = tx == null;
                Transaction open = transaction();
                if (fresh) {
                    for (Function<SequencedGraphWriter.GraphTx, ?> before : held) {
                        before.apply(open::run);
                    }
                }
                T result = step.apply(open::run);
                held.add(step);
                return result;
            } catch (RuntimeException e) {
                closeTransaction();
                if (!(e instanceof RetryableException) || attempt >= ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    private Transaction transaction() {
        if (tx == null) {
            tx = session.beginTransaction();
        }
        return tx;
    }

    /** Keeps the first failure for the commit; nothing of this run of the batch stays. */
    private void fail(RuntimeException e) {
        failure = e;
        closeTransaction();
        held.clear();
    }

    private void closeTransaction() {
        if (tx != null) {
            LiveGraphWrites.closeQuietly(tx);
            tx = null;
        }
    }
}
