package io.chariot.projections.neo4j;

import io.chariot.consistency.failure.ParkedMarks;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.neo4j.driver.Driver;

/**
 * Gives a graph read model's processor one Neo4j transaction per batch ({@link LiveGraphBatch}): opened with the
 * batch's first event, committed when the processor's unit of work prepares its commit — before its token is
 * stored and before the batch's events are reported applied, so a reader waiting for its write never runs ahead of
 * the graph — and rolled back with the unit of work.
 */
public final class LiveGraphBatches implements MessageHandlerInterceptor<EventMessage<?>> {

    private static final String BATCH = LiveGraphBatches.class.getName();

    private final Driver driver;

    public LiveGraphBatches(Driver driver) {
        this.driver = driver;
    }

    @Override
    public Object handle(UnitOfWork<? extends EventMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        LiveGraphBatch batch = (LiveGraphBatch) unitOfWork.resources().computeIfAbsent(BATCH, key -> {
            LiveGraphBatch opened = LiveGraphBatch.open(driver);
            unitOfWork.onPrepareCommit(u -> opened.commit());
            unitOfWork.onCleanup(u -> opened.close());
            return opened;
        });
        Object result;
        try {
            result = chain.proceed();
        } catch (Exception | Error failure) {
            batch.eventAbandoned();
            throw failure;
        }
        if (ParkedMarks.isParked(unitOfWork, unitOfWork.getMessage())) {
            batch.eventAbandoned();
        } else {
            batch.eventFinished();
        }
        return result;
    }
}
