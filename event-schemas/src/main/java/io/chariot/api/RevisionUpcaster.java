package io.chariot.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

import java.util.Objects;

/**
 * Upcasts one event type from one revision to the next on its Jackson tree, e.g.
 * <pre>{@code
 * final class AssetVisitedV1ToV2 extends RevisionUpcaster {
 *     AssetVisitedV1ToV2() { super(AssetEvents.AssetVisited.class, "1", "2"); }
 *     protected ObjectNode upcast(ObjectNode payload) { return payload.put("scanner", ""); }
 * }
 * }</pre>
 * and list it in {@link EventUpcasters}. Requires Axon's Jackson serializer for events.
 */
public abstract class RevisionUpcaster extends SingleEventUpcaster {

    private final Class<? extends Record> eventType;
    private final String fromRevision;
    private final String toRevision;
    private final SimpleSerializedType expected;
    private final SimpleSerializedType produced;

    protected RevisionUpcaster(Class<? extends Record> eventType, String fromRevision, String toRevision) {
        this.eventType = Objects.requireNonNull(eventType, "eventType");
        this.fromRevision = Objects.requireNonNull(fromRevision, "fromRevision");
        this.toRevision = Objects.requireNonNull(toRevision, "toRevision");
        this.expected = new SimpleSerializedType(eventType.getName(), fromRevision);
        this.produced = new SimpleSerializedType(eventType.getName(), toRevision);
    }

    public Class<? extends Record> eventType() {
        return eventType;
    }

    public String fromRevision() {
        return fromRevision;
    }

    public String toRevision() {
        return toRevision;
    }

    /** Turns a payload of {@link #fromRevision()} into one of {@link #toRevision()}; it may change its argument. */
    protected abstract ObjectNode upcast(ObjectNode payload);

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return expected.equals(representation.getType());
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return representation.upcastPayload(produced, JsonNode.class, node -> upcast(((ObjectNode) node).deepCopy()));
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + eventType.getName() + " " + fromRevision + " -> " + toRevision + "]";
    }
}
