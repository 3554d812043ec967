package io.chariot.migration.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chariot.migration.source.Json;
import io.chariot.migration.source.LegacyRecord;

import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * A legacy {@code history}: a JSON string in the graph export (Neo4j holds no list of maps), a list in DynamoDB. Each
 * entry is a status change {@code {from, to, by, comment, updated}} or, without {@code to}, a note.
 */
final class History {

    record Entry(int index, String from, String to, String by, String comment, Instant updated) {
        boolean isChange() {
            return to != null && !to.isEmpty();
        }

        /** The entry as the platform's history shows it, for verify. */
        ObjectNode wire() {
            ObjectNode n = Json.MAPPER.createObjectNode();
            if (isChange()) {
                n.put("from", from == null ? "" : from);
                n.put("to", to);
            }
            n.put("by", by);
            if (comment != null || !isChange()) {
                n.put("comment", comment == null ? "" : comment); // a note's events carry "" for a missing one
            }
            n.put("updated", updated.toString());
            return n;
        }
    }

    private History() {
    }

    static List<Entry> of(LegacyRecord r) {
        JsonNode h = r.fields().get("history");
        if (h == null || h.isNull()) {
            return List.of();
        }
        if (h.isTextual()) {
            if (h.asText().isBlank()) {
                return List.of();
            }
            try {
                h = Json.MAPPER.readTree(h.asText());
            } catch (IOException e) {
                throw new Rejected("history is not JSON");
            }
        }
        if (!h.isArray()) {
            throw new Rejected("history is not a list");
        }
        List<Entry> entries = new ArrayList<>();
        int i = 0;
        for (JsonNode e : (ArrayNode) h) {
            if (!e.isObject()) {
                throw new Rejected("history entry " + i + " is not an object");
            }
            String by = text(e, "by");
            if (by == null || by.isBlank()) {
                throw new Rejected("history entry " + i + " has no 'by'");
            }
            Instant updated = instant(text(e, "updated"), "history entry " + i + " 'updated'");
            entries.add(new Entry(i, text(e, "from"), text(e, "to"), by, text(e, "comment"), updated));
            i++;
        }
        return entries;
    }

    static ArrayNode wire(List<Entry> entries) {
        ArrayNode a = Json.MAPPER.createArrayNode();
        entries.forEach(e -> a.add(e.wire()));
        return a;
    }

    static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    /** An RFC 3339 time; an offset other than Z is normalised to UTC. */
    static Instant instant(String text, String what) {
        if (text == null || text.isBlank()) {
            throw new Rejected(what + " is missing");
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException e2) {
                throw new Rejected(what + " is not an RFC 3339 time: " + cut(text));
            }
        }
    }

    static String cut(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "…" : s;
    }
}
