package io.chariot.projections.dynamodb;

import io.chariot.api.risk.Ticket;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Terse builders for DynamoDB attribute values; nulls become absent attributes, not NULL values. */
final class Items {

    private Items() {
    }

    static AttributeValue s(String v) {
        return AttributeValue.fromS(v);
    }

    static AttributeValue n(long v) {
        return AttributeValue.fromN(Long.toString(v));
    }

    static AttributeValue bool(boolean v) {
        return AttributeValue.fromBool(v);
    }

    static AttributeValue time(Instant at) {
        return AttributeValue.fromS(at.toString());
    }

    static AttributeValue strings(Collection<String> values) {
        return AttributeValue.fromL(values == null ? List.of()
                : values.stream().map(AttributeValue::fromS).toList());
    }

    /** A map builder that skips null strings. */
    static final class Builder {
        private final Map<String, AttributeValue> map = new LinkedHashMap<>();

        Builder put(String name, String value) {
            if (value != null) {
                map.put(name, s(value));
            }
            return this;
        }

        Builder put(String name, AttributeValue value) {
            map.put(name, value);
            return this;
        }

        Map<String, AttributeValue> build() {
            return map;
        }
    }

    static Builder item() {
        return new Builder();
    }

    /** A history record {from, to, by, comment, updated} as Chariot serialises it. */
    static AttributeValue historyRecord(String from, String to, String by, String comment, Instant at) {
        var record = item().put("from", from == null ? "" : from).put("to", to).put("by", by)
                .put("comment", comment).put("updated", time(at)).build();
        return AttributeValue.fromL(List.of(AttributeValue.fromM(record)));
    }

    /** A note: a history record {by, comment, updated}, without a status change. */
    static AttributeValue noteRecord(String by, String comment, Instant at) {
        var record = item().put("by", by).put("comment", comment).put("updated", time(at)).build();
        return AttributeValue.fromL(List.of(AttributeValue.fromM(record)));
    }

    /** A risk's tickets as a list of maps, each in {@link Ticket#toWire()}'s shape. */
    static AttributeValue tickets(List<Ticket> tickets) {
        return AttributeValue.fromL(tickets == null ? List.of()
                : tickets.stream().map(t -> AttributeValue.fromM(wire(t.toWire()).build())).toList());
    }

    /**
     * A client shape of the published language ({@code toWire()}: strings, booleans, whole numbers, lists of
     * strings) as item attributes, nulls left out; the caller adds what only the table keeps.
     */
    static Builder wire(Map<String, Object> fields) {
        Builder item = item();
        fields.forEach((name, value) -> {
            if (value != null) {
                item.put(name, attribute(name, value));
            }
        });
        return item;
    }

    private static AttributeValue attribute(String name, Object value) {
        if (value instanceof String text) {
            return s(text);
        }
        if (value instanceof Boolean flag) {
            return bool(flag);
        }
        if (value instanceof Long || value instanceof Integer) {
            return n(((Number) value).longValue());
        }
        if (value instanceof List<?> list && list.stream().allMatch(String.class::isInstance)) {
            return strings(list.stream().map(String.class::cast).toList());
        }
        throw new IllegalArgumentException(name + ": no item attribute for a " + value.getClass().getSimpleName());
    }
}
