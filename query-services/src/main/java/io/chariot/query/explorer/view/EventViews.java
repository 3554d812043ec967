package io.chariot.query.explorer.view;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.chariot.api.origin.MessageOrigin;
import io.chariot.query.explorer.store.StoredEvent;

import java.io.IOException;

/** Turns stored rows into {@link EventView}s: JSON parsed, origin read from the metadata, secrets hidden. */
public class EventViews {

    private final ObjectMapper json;
    private final SecretRedaction redaction;
    private final PersonalData personalData;

    public EventViews(ObjectMapper json, SecretRedaction redaction, PersonalData personalData) {
        this.json = json;
        this.redaction = redaction;
        this.personalData = personalData;
    }

    public EventView view(StoredEvent e) {
        JsonNode metadata = parse(e.metadata());
        JsonNode payload = null;
        boolean erased = false;
        if (e.payload() != null) {
            payload = personalData.shown(e.tenant(), e.aggregateId(), parse(e.payload()));
            erased = PersonalData.containsErased(payload);
            payload = redaction.redact(payload);
        }
        String by = personalData.shownText(e.tenant(), e.by());
        erased |= PersonalData.ERASED_TEXT.equals(by) && !by.equals(e.by());
        return new EventView(e.position(), e.eventId(), e.timestamp(), e.tenant(), e.aggregateType(),
                e.aggregateId(), AggregateKeys.key(e.tenant(), e.aggregateId()), e.sequence(),
                MessageOrigin.simpleName(e.payloadType()), e.revision(), by,
                text(metadata, MessageOrigin.CORRELATION_ID), text(metadata, MessageOrigin.CAUSATION_ID),
                MessageOrigin.traceIdOf(text(metadata, MessageOrigin.TRACEPARENT)),
                text(metadata, MessageOrigin.REQUEST), text(metadata, MessageOrigin.COMMAND),
                text(metadata, MessageOrigin.COMMAND_CAUSE), erased, payload, redaction.redact(metadata));
    }

    /** Hides secrets in any other document shown beside events (a replayed aggregate's state). */
    public JsonNode redact(JsonNode document) {
        return redaction.redact(document);
    }

    private JsonNode parse(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            return JsonNodeFactory.instance.objectNode();
        }
        try {
            return json.readTree(bytes);
        } catch (IOException notJson) {
            // not what Axon's Jackson serializer writes: shown as a note, never as raw bytes that might hold anything
            return JsonNodeFactory.instance.objectNode().put("unreadable", "not JSON (" + bytes.length + " bytes)");
        }
    }

    private static String text(JsonNode node, String member) {
        JsonNode value = node.get(member);
        return value != null && value.isValueNode() && !value.isNull() ? value.asText() : null;
    }
}
