package io.chariot.query.explorer.view;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * How personal data in a payload is shown. Crypto-shredding (ADR 0019) stores personal fields encrypted under a
 * per-tenant key and destroys the key when the tenant is purged; its implementation ({@link DecryptingPersonalData})
 * decrypts what it still can and puts {@link #erased} markers where it cannot. The explorer renders a marker as
 * "erased" — in the UI a badge, in JSON and CSV the marker object {@code {"$erased": reason}} — and flags the event.
 * Without it every payload is shown as stored ({@link #AS_STORED}).
 */
public interface PersonalData {

    String ERASED_MEMBER = "$erased";

    /** The payload as it may be shown: erased values replaced by markers. Must not change {@code payload}. */
    JsonNode shown(String tenant, String aggregateId, JsonNode payload);

    /**
     * A single stored value shown beside the payload (the event's {@code by}): clear, or {@link #ERASED_TEXT} when
     * it can no longer be read.
     */
    default String shownText(String tenant, String value) {
        return value;
    }

    /**
     * Every form {@code value} may be stored in for {@code tenant} (null: any tenant), so a filter on a stored
     * member ({@code by}) finds it without decrypting each row: the clear value (events from before encryption) and
     * its ciphertexts.
     */
    default List<String> storedForms(String tenant, String value) {
        return List.of(value);
    }

    String ERASED_TEXT = "(erased)";

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
