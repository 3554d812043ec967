package io.chariot.projections.neo4j;

import io.chariot.consistency.failure.ParkedMarks;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.neo4j.driver.Driver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Gives a graph read model's processor one Neo4j transaction per batch: opened with the batch's first event,
 * committed when the processor's unit of work prepares its commit — before its token is stored and before the
 * batch's events are reported applied, so a reader waiting for its write never runs ahead of the graph — and rolled
 * back with the unit of work.
 * <p>
 * With grouping on, a batch's like statements go as one {@code UNWIND} each ({@link GroupedGraphBatch}, ADR 0030).
 * A batch whose grouped run failed is remembered by its first event — the processor runs it again from the same
 * token, so with the same event — and runs once one statement at a time ({@link LiveGraphBatch}, ADR 0018), where a
 * failure is its own event's. The batch after it is grouped again.
 */
public final class LiveGraphBatches implements MessageHandlerInterceptor<EventMessage<?>> {

    private static final Logger log = LoggerFactory.getLogger(LiveGraphBatches.class);
    private static final String BATCH = LiveGraphBatches.class.getName();
    private static final ThreadLocal<LiveGraphWrites> CURRENT = new ThreadLocal<>();

    private final String group;
    private final Driver driver;
    private final boolean grouped;
    private final Set<String> failedBatches = ConcurrentHashMap.newKeySet();

    /**
     * @param group   the processing group, for the log
     * @param grouped whether like statements go as one {@code UNWIND}; false runs each in its handler
     */
    public LiveGraphBatches(String group, Driver driver, boolean grouped) {
        this.group = group;
        this.driver = driver;
        this.grouped = grouped;
    }

    /** This thread's batch, or null outside a live graph processor's unit of work. */
    static LiveGraphWrites current() {
        return CURRENT.get();
    }

    @Override
    public Object handle(UnitOfWork<? extends EventMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        LiveGraphWrites batch = (LiveGraphWrites) unitOfWork.resources().computeIfAbsent(BATCH, key -> open(unitOfWork));
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

    private LiveGraphWrites open(UnitOfWork<? extends EventMessage<?>> unitOfWork) {
        LiveGraphWrites stale = CURRENT.get();
        if (stale != null) {
            // A unit of work that ended without its clean-up: what it held was never committed, so it is dropped.
            stale.close();
        }
        String first = unitOfWork.getMessage().getIdentifier();
        boolean grouping = grouped && !failedBatches.contains(first);
        LiveGraphWrites opened = grouping ? new GroupedGraphBatch(driver) : new LiveGraphBatch(driver);
        CURRENT.set(opened);
        unitOfWork.onPrepareCommit(u -> {
            try {
                opened.commit();
            } catch (RuntimeException failed) {
                if (grouping) {
                    failedBatches.add(first);
                    log.warn("a grouped graph write of {}'s batch failed ({}); the batch runs again, one statement "
                            + "at a time", group, failed.toString());
                }
                throw failed;
            }
        });
        if (!grouping && grouped) {
            unitOfWork.afterCommit(u -> failedBatches.remove(first));
        }
        unitOfWork.onCleanup(u -> {
            try {
                opened.close();
            } finally {
                CURRENT.remove();
            }
        });
        return opened;
    }
}
