package io.chariot.sagas.axon;

import io.chariot.sagas.runtime.CompensationRequested;
import io.chariot.sagas.runtime.SagaInstance;
import io.chariot.sagas.runtime.SagaJournal;
import org.axonframework.eventhandling.GenericEventMessage;

import java.util.NoSuchElementException;

/**
 * An operator steering one saga instance: compensating it on purpose (it undoes what it did and ends, whatever it
 * waited for). The request goes straight to the instance — past its parked events, which it makes obsolete and
 * which are discarded once the instance has ended.
 */
public final class SagaSteering {

    /** The instance has ended already: there is nothing to steer. */
    public static final class AlreadyEndedException extends RuntimeException {
        AlreadyEndedException(String message) {
            super(message);
        }
    }

    private final SagaJournal journal;
    private final ParkedSagaEvents parked;

    public SagaSteering(SagaJournal journal, ParkedSagaEvents parked) {
        this.journal = journal;
        this.parked = parked;
    }

    public SagaInstance compensate(String sagaId, String reason, String by) {
        SagaInstance before = journal.find(sagaId).orElseThrow(() -> new NoSuchElementException("no saga " + sagaId));
        if (before.state().isFinal()) {
            throw new AlreadyEndedException("saga " + sagaId + " has ended (" + before.state() + ")");
        }
        var request = GenericEventMessage.asEventMessage(new CompensationRequested(sagaId, reason, by));
        for (String group : parked.groups()) {
            try {
                parked.redeliver(group, request);
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        SagaInstance after = journal.find(sagaId).orElseThrow();
        if (after.state().isFinal() && parked.count(sagaId) > 0) {
            parked.discard(sagaId);
        }
        return after.withParked(parked.count(sagaId));
    }
}
