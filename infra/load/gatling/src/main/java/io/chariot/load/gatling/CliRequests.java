package io.chariot.load.gatling;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The bodies praetorian-cli 2.4.8 sends for its daily commands (docs: shared chariot-api.md §3.4–3.5), and the keys
 * the platform derives from them. Field order follows the CLI's, so a captured request and ours read the same.
 */
public final class CliRequests {

    private static final ObjectMapper JSON = new ObjectMapper();

    private CliRequests() {
    }

    /** {@code add asset --group G --identifier I}: PUT /asset. */
    public static String addAsset(String group, String identifier) {
        return json(ordered("group", group, "identifier", identifier, "status", "A", "attackSurface", List.of(""),
                "type", "asset"));
    }

    /** Asset keys are lower-cased server-side. */
    public static String assetKey(String group, String identifier) {
        return ("#asset#" + group + "#" + identifier).toLowerCase(Locale.ROOT);
    }

    /** {@code add risk NAME --asset KEY --status S --comment C}: PUT /risk. */
    public static String addRisk(String assetKey, String name, String status, String comment) {
        return json(ordered("key", assetKey, "name", name, "status", status, "comment", comment, "source", ""));
    }

    /** A non-CVE risk name is lower-cased with spaces as dashes; dns is the asset's group. */
    public static String riskKey(String group, String name) {
        return "#risk#" + group.toLowerCase(Locale.ROOT) + "#" + name.toLowerCase(Locale.ROOT).replace(' ', '-');
    }

    /** {@code add attribute --key PARENT --name N --value V}: PUT /attribute. */
    public static String addAttribute(String parentKey, String name, String value) {
        return json(ordered("key", parentKey, "name", name, "value", value));
    }

    public static String attributeKey(String parentKey, String name, String value) {
        return "#attribute#" + name + "#" + value + parentKey;
    }

    /**
     * POST /my as {@code list/get/search} send it: one label, one filter ({@code =} for get by key, {@code STARTS
     * WITH} for list -f and search --term field:value), limit 4096, page 0.
     */
    public static String myQuery(String label, String field, String operator, String value) {
        Map<String, Object> filter = ordered("field", field, "operator", operator, "value", value, "not", false);
        Map<String, Object> node = ordered("labels", List.of(label), "filters", List.of(filter));
        return json(ordered("node", node, "limit", 4096, "page", 0));
    }

    private static Map<String, Object> ordered(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    private static String json(Object o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
