package io.chariot.sagas.axon;

import io.chariot.sagas.runtime.CompensationRequested;
import io.chariot.sagas.runtime.SagaJournal;
import io.chariot.sagas.runtime.SagaRuntime;
import io.chariot.sagas.runtime.SagaState;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.messaging.Scope;
import org.axonframework.modelling.saga.Saga;
import org.axonframework.modelling.saga.SagaLifecycle;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * The {@link SagaRuntime} port on Axon 4: the instance is the saga whose handler runs now (Axon's current scope),
 * associations and ends go through {@link SagaLifecycle}, deadlines through the application's
 * {@link DeadlineManager} (db-scheduler in PostgreSQL: they survive restarts), and every call is journaled.
 */
public final class AxonSagaRuntime implements SagaRuntime {

    private final SagaJournal journal;
    private final DeadlineManager deadlines;
    private final Clock clock;

    public AxonSagaRuntime(SagaJournal journal, DeadlineManager deadlines, Clock clock) {
        this.journal = journal;
        this.deadlines = deadlines;
        this.clock = clock;
    }

    /** The identifier of the saga instance handling the current event or deadline. */
    static String currentSagaId() {
        Scope scope = Scope.getCurrentScope();
        if (!(scope instanceof Saga<?> saga)) {
            throw new IllegalStateException("not inside a saga's handler");
        }
        return saga.getSagaIdentifier();
    }

    @Override
    public void begin(String type, String tenant, String subject, Map<String, String> associations) {
        String id = currentSagaId();
        associations.forEach(SagaLifecycle::associateWith);
        // an operator's request finds the instance by its identifier
        SagaLifecycle.associateWith(CompensationRequested.ASSOCIATION, id);
        journal.begin(id, type, tenant, subject, associations);
    }

    @Override
    public void associate(String key, String value) {
        SagaLifecycle.associateWith(key, value);
        journal.associate(currentSagaId(), key, value);
    }

    @Override
    public void stepDone(String step) {
        journal.stepDone(currentSagaId(), step);
    }

    @Override
    public void compensated(String step) {
        journal.compensated(currentSagaId(), step);
    }

    @Override
    public void state(SagaState state, String reason) {
        journal.state(currentSagaId(), state, reason);
    }

    @Override
    public void schedule(String deadline, Duration after, Object payload) {
        deadlines.schedule(after, deadline, payload);
        journal.deadline(currentSagaId(), deadline, clock.instant().plus(after));
    }

    @Override
    public void cancel(String deadline) {
        deadlines.cancelAllWithinScope(deadline);
        journal.deadlineGone(currentSagaId(), deadline);
    }

    @Override
    public void fired(String deadline) {
        journal.deadlineGone(currentSagaId(), deadline);
    }

    @Override
    public void dismiss() {
        SagaLifecycle.end();
    }

    @Override
    public void end(SagaState state, String reason) {
        journal.state(currentSagaId(), state, reason);
        SagaLifecycle.end();
    }
}
