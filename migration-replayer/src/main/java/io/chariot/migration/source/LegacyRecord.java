package io.chariot.migration.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One legacy record as exported: a DynamoDB item or a Neo4j node, its attributes as plain JSON (DynamoDB's typed
 * attribute values already unwrapped), with where it came from ({@code origin}: file and line, table segment or
 * stream record) so a report can point at it.
 *
 * @param store  {@code dynamodb} or {@code neo4j}: which legacy store held it
 * @param nodeId the apoc export's node id (null for DynamoDB items): relationships name their ends by it
 * @param labels the Neo4j labels (empty for DynamoDB items)
 */
public record LegacyRecord(String origin, String store, String nodeId, java.util.List<String> labels,
                           ObjectNode fields) {

    public String text(String field) {
        JsonNode v = fields.get(field);
        return v == null || v.isNull() ? null : v.isValueNode() ? v.asText() : v.toString();
    }

    public String tenant() {
        return text("username");
    }

    public String key() {
        return text("key");
    }

    /** The legacy type: the key's second segment ({@code #asset#…} is {@code asset}), null without a key. */
    public String type() {
        String key = key();
        if (key == null || !key.startsWith("#") || key.length() < 2) {
            return null;
        }
        int end = key.indexOf('#', 1);
        return (end < 0 ? key.substring(1) : key.substring(1, end)).toLowerCase(java.util.Locale.ROOT);
    }
}
