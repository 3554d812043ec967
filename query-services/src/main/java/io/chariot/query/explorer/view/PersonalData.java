package io.chariot.query.explorer.view;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * How personal data in a payload is shown. Crypto-shredding (the sagas issue) will store personal data encrypted
 * under a per-person key and destroy the key on erasure; its implementation of this interface decrypts what it still
 * can and puts {@link #erased} markers where it cannot. The explorer renders a marker as "erased" — in the UI a
 * badge, in JSON and CSV the marker object {@code {"$erased": reason}} — and flags the event. Until then every
 * payload is shown as stored ({@link #AS_STORED}).
 */
public interface PersonalData {

    String ERASED_MEMBER = "$erased";

    /** The payload as it may be shown: erased values replaced by markers. Must not change {@code payload}. */
    JsonNode shown(String tenant, String aggregateId, JsonNode payload);

    PersonalData AS_STORED = (tenant, aggregateId, payload) -> payload;

    static ObjectNode erased(String reason) {
        return JsonNodeFactory.instance.objectNode().put(ERASED_MEMBER, reason == null ? "erased" : reason);
    }

    static boolean isErased(JsonNode node) {
        return node != null && node.isObject() && node.size() == 1 && node.path(ERASED_MEMBER).isTextual();
    }

    /** Whether any value in {@code node} is an erasure marker. */
    static boolean containsErased(JsonNode node) {
        if (node == null) {
            return false;
        }
        if (isErased(node)) {
            return true;
        }
        for (JsonNode child : node) {
            if (containsErased(child)) {
                return true;
            }
        }
        return false;
    }
}
