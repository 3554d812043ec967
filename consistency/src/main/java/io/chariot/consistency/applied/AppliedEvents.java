package io.chariot.consistency.applied;

import java.util.concurrent.CompletableFuture;

/**
 * What each read model has applied, per aggregate, and a way to wait for it. Read models report through
 * {@link AppliedEventsInterceptor}; the read-your-writes filter waits. One JVM today ({@link LocalAppliedEvents});
 * across processes the same port can be carried by a broadcast of the reports.
 */
public interface AppliedEvents {

    /** The read model has applied this event (its aggregate's events up to this sequence number are visible). */
    void applied(String readModel, String aggregateId, long sequenceNumber);

    /**
     * The read model parked this event in its dead-letter queue (or queued it behind a parked one): it will not be
     * visible until an operator retries it.
     */
    void parked(String readModel, String aggregateId, long sequenceNumber);

    /** An operator discarded the aggregate's parked events: nothing of them will become visible. */
    void discarded(String readModel, String aggregateId);

    /** The read model's store is failing: it applies nothing until {@link #recovered(String)}. */
    void failing(String readModel, String cause);

    void recovered(String readModel);

    /**
     * Completes once the read model shows the aggregate up to the sequence number; completes exceptionally with
     * {@link NotVisibleException} as soon as it is known that it cannot (parked, or the store is failing). Never
     * times out by itself: the caller bounds the wait.
     */
    CompletableFuture<Void> visible(String readModel, String aggregateId, long sequenceNumber);
}
