package io.chariot.sagas.job;

import io.chariot.sagas.runtime.CompensationRequested;
import io.chariot.sagas.runtime.SagaRuntime;
import io.chariot.sagas.runtime.SagaState;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.modelling.saga.SagaLifecycle;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@link SagaRuntime} port for fixture tests: associations and ends go to Axon's saga lifecycle as in the
 * application, and what the workflow reports for the operator's view is recorded in lists (the journal itself is
 * PostgreSQL's, tested in the platform's ITs).
 */
public final class RecordingRuntime implements SagaRuntime {

    /** Whether it runs inside a saga's handler (the fixture) or is called directly (no saga lifecycle). */
    private final boolean inSaga;

    private final DeadlineManager deadlines;

    RecordingRuntime() {
        this(true);
    }

    RecordingRuntime(boolean inSaga) {
        this(inSaga, null);
    }

    /** Inside a fixture's saga, with the fixture's (stub) deadline manager. */
    public RecordingRuntime(DeadlineManager deadlines) {
        this(true, deadlines);
    }

    private RecordingRuntime(boolean inSaga, DeadlineManager deadlines) {
        this.inSaga = inSaga;
        this.deadlines = deadlines;
    }

    /** The deadline manager of a saga fixture (it keeps it to itself). */
    public static DeadlineManager deadlinesOf(org.axonframework.test.saga.SagaTestFixture<?> fixture) {
        try {
            var field = org.axonframework.test.saga.SagaTestFixture.class.getDeclaredField("deadlineManager");
            field.setAccessible(true);
            return (DeadlineManager) field.get(fixture);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The identifier the fixture's instance answers to (the application uses Axon's). */
    public static final String SAGA_ID = "the-saga";

    public final List<String> begun = new ArrayList<>();
    public final List<String> steps = new ArrayList<>();
    public final List<String> compensations = new ArrayList<>();
    public final List<String> states = new ArrayList<>();

    @Override
    public void begin(String type, String tenant, String subject, Map<String, String> associations) {
        begun.add(type + " " + tenant + " " + subject);
        if (inSaga) {
            associations.forEach(SagaLifecycle::associateWith);
            SagaLifecycle.associateWith(CompensationRequested.ASSOCIATION, SAGA_ID);
        }
    }

    @Override
    public void associate(String key, String value) {
        SagaLifecycle.associateWith(key, value);
    }

    @Override
    public void stepDone(String step) {
        steps.add(step);
    }

    @Override
    public void compensated(String step) {
        compensations.add(step);
    }

    @Override
    public void state(SagaState state, String reason) {
        states.add(state + (reason == null ? "" : ": " + reason));
    }

    @Override
    public void schedule(String deadline, Duration after, Object payload) {
        deadlines.schedule(after, deadline, payload);
        steps.add("deadline " + deadline + " in " + after);
    }

    @Override
    public void cancel(String deadline) {
        deadlines.cancelAllWithinScope(deadline);
        steps.add("deadline " + deadline + " cancelled");
    }

    @Override
    public void fired(String deadline) {
        steps.add("deadline " + deadline + " fired");
    }

    @Override
    public void dismiss() {
        SagaLifecycle.end();
    }

    @Override
    public void end(SagaState state, String reason) {
        states.add(state + (reason == null ? "" : ": " + reason));
        if (inSaga) {
            SagaLifecycle.end();
        }
    }
}
