package io.chariot.projections.processing;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Groups a read model processor's writes per batch ({@link LiveBatch}): the batch opens with its first event and is
 * committed when the processor's unit of work prepares its commit, before the token is stored and the events are
 * reported applied, so read-your-writes still answers only once the store holds the writes.
 * <p>
 * A grouped write that fails does so after its handler has returned, so the dead-letter queue cannot tell which
 * event it was: it fails the whole batch. The processor then runs the batch again (the read models' sequence guards
 * make that harmless), and this time each write is sent and waited for in its handler, as without grouping: a store
 * that is away is retried as always, and an event whose write can never succeed fails in its own handler and is
 * parked alone. The batch after that one is grouped again. (The graph read models have their own way, which keeps
 * one Neo4j transaction: ADR 0018.)
 */
public final class LiveBatches implements MessageHandlerInterceptor<EventMessage<?>> {

    private static final Logger log = LoggerFactory.getLogger(LiveBatches.class);
    private static final String BATCH = LiveBatches.class.getName();

    private final String group;
    private final Supplier<LiveBatch> opener;
    /**
     * The first events of batches whose group failed. A batch run again starts from the same stored token, so with
     * the same event, whichever of the group's threads runs it.
     */
    private final Set<String> failedBatches = ConcurrentHashMap.newKeySet();

    /**
     * @param group  the processing group, for the log
     * @param opener opens a batch on the calling thread; the read model's writes on it are grouped until it closes
     */
    public LiveBatches(String group, Supplier<LiveBatch> opener) {
        this.group = group;
        this.opener = opener;
    }

    @Override
    public Object handle(UnitOfWork<? extends EventMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        unitOfWork.resources().computeIfAbsent(BATCH, key -> {
            String first = unitOfWork.getMessage().getIdentifier();
            return failedBatches.contains(first) ? oneEventAtATime(unitOfWork, first) : open(unitOfWork, first);
        });
        return chain.proceed();
    }

    private Object oneEventAtATime(UnitOfWork<? extends EventMessage<?>> unitOfWork, String first) {
        unitOfWork.afterCommit(u -> failedBatches.remove(first));
        return Boolean.FALSE;
    }

    private LiveBatch open(UnitOfWork<? extends EventMessage<?>> unitOfWork, String first) {
        LiveBatch opened = opener.get();
        unitOfWork.onPrepareCommit(u -> {
            try {
                opened.commit();
            } catch (RuntimeException failed) {
                failedBatches.add(first);
                log.warn("a grouped write of {}'s batch failed ({}); the batch runs again, one event at a time",
                        group, failed.toString());
                throw failed;
            }
        });
        unitOfWork.onCleanup(u -> opened.close());
        return opened;
    }
}
