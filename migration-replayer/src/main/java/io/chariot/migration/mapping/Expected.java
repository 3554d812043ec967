package io.chariot.migration.mapping;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Map;

/**
 * What the query API must show for one imported legacy record: its kind ({@code asset}, {@code risk}, {@code job},
 * …), tenant and normalised key, and the fields that carry meaning, taken from the legacy record (normalised by the
 * platform's rules), never from the events, so verify checks the mapping too.
 */
public record Expected(String kind, String tenant, String key, String origin, Map<String, JsonNode> fields) {
}
