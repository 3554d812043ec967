package io.chariot.projections.replay;

import io.chariot.projections.ReadModel;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * The replay path: rebuilds read models from the event store alone (never Kafka). Clears each model, then streams
 * every event from the start of the store through the models' own handlers until it reaches the head as it was
 * when the replay began.
 */
public class EventStoreReplayer {

    private static final Logger log = LoggerFactory.getLogger(EventStoreReplayer.class);
    private final EventStore eventStore;

    public EventStoreReplayer(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    /** @return the number of events replayed */
    public long replay(List<? extends ReadModel> models) {
        models.forEach(ReadModel::clear);
        models.forEach(ReadModel::ensureSchema);
        List<AnnotationEventHandlerAdapter> handlers = models.stream()
                .map(AnnotationEventHandlerAdapter::new).toList();
        var head = eventStore.createHeadToken();
        long count = 0;
        try (var stream = eventStore.openStream(null)) {
            while (head != null && stream.hasNextAvailable()) {
                TrackedEventMessage<?> event = stream.nextAvailable();
                for (var handler : handlers) {
                    if (handler.canHandle(event)) {
                        handle(handler, event);
                    }
                }
                count++;
                if (event.trackingToken().covers(head)) {
                    break;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("replay interrupted after " + count + " events", e);
        }
        log.info("replayed {} events into {}", count, models.stream().map(ReadModel::name).toList());
        return count;
    }

    private static void handle(AnnotationEventHandlerAdapter handler, EventMessage<?> event) {
        DefaultUnitOfWork.startAndGet(event).executeWithResult(() -> handler.handle(event));
    }
}
