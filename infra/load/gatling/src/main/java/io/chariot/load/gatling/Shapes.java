package io.chariot.load.gatling;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;

/**
 * The body checks of the scenarios: each returns {@link #OK} or what is wrong, so a failed check in Gatling's report
 * says why ("found: assets[0].key is … not …") instead of only that it failed.
 */
public final class Shapes {

    public static final String OK = "ok";
    private static final ObjectMapper JSON = new ObjectMapper();

    private Shapes() {
    }

    /** PUT /asset answers a list whose first asset has the expected key and carries group and identifier. */
    public static String assetList(String body, String expectedKey) {
        JsonNode root = parse(body);
        if (root == null || !root.isArray() || root.isEmpty()) {
            return "not a non-empty JSON list";
        }
        JsonNode first = root.get(0);
        if (!expectedKey.equals(first.path("key").asText())) {
            return "[0].key is " + first.path("key").asText("<none>") + ", not " + expectedKey;
        }
        if (!first.hasNonNull("group") || !first.hasNonNull("identifier")) {
            return "[0] lacks group or identifier";
        }
        return OK;
    }

    /** {@code {"<plural>": [{key: expected, …}, …]}}: PUT /risk, PUT /attribute and a POST /my get by key. */
    public static String holds(String body, String plural, String expectedKey) {
        JsonNode root = parse(body);
        if (root == null || !root.isObject()) {
            return "not a JSON object";
        }
        JsonNode items = root.path(plural);
        if (!items.isArray() || items.isEmpty()) {
            return "no " + plural + " list";
        }
        for (JsonNode item : items) {
            if (expectedKey.equals(item.path("key").asText())) {
                return OK;
            }
        }
        return plural + " without " + expectedKey;
    }

    /**
     * A list or search answer: a JSON object; its {@code <plural>} list, when there is one (an empty result may be
     * {@code {}}), holds only items whose key starts with {@code keyPrefix} (empty: any key).
     */
    public static String listOf(String body, String plural, String keyPrefix) {
        JsonNode root = parse(body);
        if (root == null || !root.isObject()) {
            return "not a JSON object";
        }
        if (!root.has(plural)) {
            return OK;
        }
        JsonNode items = root.get(plural);
        if (!items.isArray()) {
            return plural + " is not a list";
        }
        for (JsonNode item : items) {
            if (!item.path("key").asText("").startsWith(keyPrefix)) {
                return plural + " holds " + item.path("key").asText("<no key>") + ", outside " + keyPrefix;
            }
        }
        return OK;
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }
}
