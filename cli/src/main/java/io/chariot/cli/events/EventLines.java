package io.chariot.cli.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** How events read in a terminal: one line per event in lists, the facts and documents of one event. */
final class EventLines {

    private static final ObjectMapper JSON = new ObjectMapper();

    private EventLines() {
    }

    /** {@code TIME  TYPE  KEY vN  by USER  REQUEST  correlation ID}, with the tenant when several may show. */
    static String line(JsonNode e, boolean withTenant) {
        StringBuilder line = new StringBuilder();
        line.append(text(e, "time")).append("  ");
        if (withTenant) {
            line.append(text(e, "tenant")).append("  ");
        }
        line.append(text(e, "type")).append("  ").append(text(e, "key")).append(" v").append(e.path("sequence")
                .asLong());
        line.append("  by ").append(text(e, "by"));
        if (!e.path("request").isNull() && e.has("request")) {
            line.append("  ").append(text(e, "request"));
        }
        if (!e.path("correlationId").isNull() && e.has("correlationId")) {
            line.append("  correlation ").append(text(e, "correlationId"));
        }
        line.append("  id ").append(text(e, "id"));
        if (e.path("erased").asBoolean()) {
            line.append("  [erased data]");
        }
        return line.toString();
    }

    /** One event: its facts, then payload and metadata as indented JSON. */
    static String details(JsonNode e) {
        StringBuilder out = new StringBuilder();
        fact(out, "Event", text(e, "type") + " (revision " + text(e, "revision") + ")");
        fact(out, "Id", text(e, "id"));
        fact(out, "When", text(e, "time"));
        fact(out, "Who", text(e, "by"));
        fact(out, "Tenant", text(e, "tenant"));
        fact(out, "Aggregate", text(e, "aggregateType") + " " + text(e, "key") + " version " + e.path("sequence")
                .asLong());
        fact(out, "Request", orNotRecorded(e, "request"));
        fact(out, "Command", orNotRecorded(e, "command"));
        fact(out, "Correlation id", orNotRecorded(e, "correlationId"));
        fact(out, "Causation id", orNotRecorded(e, "causationId"));
        if (e.hasNonNull("commandCause")) {
            fact(out, "Command caused by", text(e, "commandCause"));
        }
        fact(out, "Trace id", orNotRecorded(e, "traceId"));
        fact(out, "Position", Long.toString(e.path("position").asLong()));
        out.append("Payload").append(e.path("erased").asBoolean() ? " (contains erased data)" : "").append(":\n")
                .append(indented(e.get("payload"))).append('\n');
        out.append("Metadata:\n").append(indented(e.get("metadata"))).append('\n');
        return out.toString();
    }

    static String compact(JsonNode node) {
        return node == null ? "null" : node.toString();
    }

    static String indented(JsonNode node) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node);
        } catch (JsonProcessingException e) {
            return compact(node);
        }
    }

    private static void fact(StringBuilder out, String name, String value) {
        out.append(String.format("%-18s %s%n", name + ":", value));
    }

    private static String orNotRecorded(JsonNode e, String field) {
        return e.hasNonNull(field) ? text(e, field) : "not recorded";
    }

    static String text(JsonNode e, String field) {
        JsonNode value = e.get(field);
        return value == null || value.isNull() ? "-" : value.asText();
    }
}
