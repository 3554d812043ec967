package io.chariot.migration.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.math.BigDecimal;
import java.util.Base64;
import java.util.Map;

/**
 * DynamoDB's typed attribute values ({@code {"S": "x"}}, {@code {"M": {…}}}) as plain JSON, from the export's
 * DYNAMODB_JSON text or from the SDK's {@link AttributeValue}s of a scan or stream record. Numbers keep their exact
 * decimal text; binary values become base64 text; sets become arrays.
 */
public final class DynamoDbJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    private DynamoDbJson() {
    }

    /** An item of the export ({@code {"attr": {"S": …}, …}}) as a plain object. */
    public static ObjectNode item(JsonNode typed) {
        ObjectNode out = NODES.objectNode();
        typed.fields().forEachRemaining(e -> out.set(e.getKey(), value(e.getKey(), e.getValue())));
        return out;
    }

    public static ObjectNode item(Map<String, AttributeValue> item) {
        ObjectNode out = NODES.objectNode();
        item.forEach((name, v) -> out.set(name, value(v)));
        return out;
    }

    private static JsonNode value(String name, JsonNode typed) {
        if (typed == null || !typed.isObject() || typed.size() != 1) {
            throw new IllegalArgumentException("attribute " + name + " is not a DynamoDB typed value");
        }
        var e = typed.fields().next();
        JsonNode v = e.getValue();
        return switch (e.getKey()) {
            case "S" -> NODES.textNode(v.asText());
            case "N" -> NODES.numberNode(new BigDecimal(v.asText()));
            case "BOOL" -> NODES.booleanNode(v.asBoolean());
            case "NULL" -> NODES.nullNode();
            case "B" -> NODES.textNode(v.asText());
            case "M" -> item(v);
            case "L" -> {
                ArrayNode a = NODES.arrayNode();
                v.forEach(x -> a.add(value(name, x)));
                yield a;
            }
            case "SS", "BS" -> {
                ArrayNode a = NODES.arrayNode();
                v.forEach(x -> a.add(x.asText()));
                yield a;
            }
            case "NS" -> {
                ArrayNode a = NODES.arrayNode();
                v.forEach(x -> a.add(new BigDecimal(x.asText())));
                yield a;
            }
            default -> throw new IllegalArgumentException("attribute " + name + " has unknown type " + e.getKey());
        };
    }

    private static JsonNode value(AttributeValue v) {
        if (v.s() != null) {
            return NODES.textNode(v.s());
        }
        if (v.n() != null) {
            return NODES.numberNode(new BigDecimal(v.n()));
        }
        if (v.bool() != null) {
            return NODES.booleanNode(v.bool());
        }
        if (Boolean.TRUE.equals(v.nul())) {
            return NODES.nullNode();
        }
        if (v.b() != null) {
            return NODES.textNode(base64(v.b()));
        }
        if (v.hasM()) {
            return item(v.m());
        }
        ArrayNode a = NODES.arrayNode();
        if (v.hasL()) {
            v.l().forEach(x -> a.add(value(x)));
        } else if (v.hasSs()) {
            v.ss().forEach(a::add);
        } else if (v.hasNs()) {
            v.ns().forEach(x -> a.add(new BigDecimal(x)));
        } else if (v.hasBs()) {
            v.bs().forEach(x -> a.add(base64(x)));
        }
        return a;
    }

    private static String base64(SdkBytes bytes) {
        return Base64.getEncoder().encodeToString(bytes.asByteArray());
    }
}
