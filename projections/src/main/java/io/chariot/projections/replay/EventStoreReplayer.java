package io.chariot.projections.replay;

import io.chariot.projections.ReadModel;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;

/**
 * The replay path: rebuilds read models from the event store alone (never Kafka). Streams every event from the
 * start of the store through the models' own handlers until it reaches the head as it was when the replay began.
 */
public class EventStoreReplayer {

    private static final Logger log = LoggerFactory.getLogger(EventStoreReplayer.class);
    private static final int PROGRESS_EVERY = 500;
    private static final int NEXT_EVENT_TIMEOUT_SECONDS = 60;
    private final EventStore eventStore;

    public EventStoreReplayer(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    /** Clears the models, then replays everything into them. @return the number of events replayed */
    public long replay(List<? extends ReadModel> models) {
        models.forEach(ReadModel::clear);
        return replayInto(models, done -> { });
    }

    /** The event store's head position now (about the number of events stored). */
    public long headPosition() {
        TrackingToken head = eventStore.createHeadToken();
        OptionalLong position = head == null ? OptionalLong.empty() : head.position();
        return position.orElse(0L);
    }

    /**
     * Replays every event up to the current head into the models as they are (no clearing), reporting the number
     * of events done every few hundred events and at the end.
     */
    public long replayInto(List<? extends ReadModel> models, LongConsumer progress) {
        models.forEach(ReadModel::ensureSchema);
        List<AnnotationEventHandlerAdapter> handlers = models.stream()
                .map(AnnotationEventHandlerAdapter::new).toList();
        TrackingToken head = eventStore.createHeadToken();
        long count = 0;
        if (head != null) {
            try (var stream = eventStore.openStream(null)) {
                boolean reachedHead = false;
                while (!reachedHead) {
                    // hasNextAvailable() without a wait may answer false while the store is still fetching the
                    // next batch: wait for it, and only give up when nothing comes for a long time.
                    if (!stream.hasNextAvailable(NEXT_EVENT_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("the event store stopped delivering after " + count
                                + " events, before its head " + head);
                    }
                    TrackedEventMessage<?> event = stream.nextAvailable();
                    for (var handler : handlers) {
                        if (handler.canHandle(event)) {
                            handle(handler, event);
                        }
                    }
                    if (++count % PROGRESS_EVERY == 0) {
                        progress.accept(count);
                    }
                    reachedHead = event.trackingToken().covers(head);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("replay interrupted after " + count + " events", e);
            }
        }
        progress.accept(count);
        log.info("replayed {} events into {}", count, models.stream().map(ReadModel::name).toList());
        return count;
    }

    private static void handle(AnnotationEventHandlerAdapter handler, EventMessage<?> event) {
        DefaultUnitOfWork.startAndGet(event).executeWithResult(() -> handler.handle(event));
    }
}
