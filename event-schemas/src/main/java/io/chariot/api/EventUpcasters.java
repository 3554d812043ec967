package io.chariot.api;

import io.chariot.api.job.JobUpcasters;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;

import java.util.List;
import java.util.Optional;

/**
 * The registry of every upcaster of the published language, in order. An event whose revision is above 1 needs an
 * upcaster from each previous revision to the next ({@code SchemaCompatibilityTest} enforces it). A Spring
 * application registers them by exposing {@link #chain()} (or each of {@link #all()}) as beans; Axon's Spring Boot
 * auto-configuration picks up every {@code EventUpcaster} bean.
 */
public final class EventUpcasters {

    private static final List<RevisionUpcaster> ALL = List.of(
            new JobUpcasters.JobQueuedV1ToV2(),
            new JobUpcasters.JobFinishedV1ToV2()
    );

    private EventUpcasters() {
    }

    public static List<RevisionUpcaster> all() {
        return ALL;
    }

    public static EventUpcasterChain chain() {
        return new EventUpcasterChain(List.copyOf(ALL));
    }

    /** The registered upcaster of {@code eventType} from {@code fromRevision}, if any. */
    public static Optional<RevisionUpcaster> from(Class<?> eventType, String fromRevision) {
        return ALL.stream()
                        .filter(u -> u.eventType().equals(eventType) && u.fromRevision().equals(fromRevision))
                        .findFirst();
    }
}
