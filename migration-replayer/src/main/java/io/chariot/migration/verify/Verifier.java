package io.chariot.migration.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chariot.migration.mapping.Expected;
import io.chariot.migration.source.Json;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Compares what the query API shows with what every imported legacy record says (its {@link Expected} fields): the
 * graph models through {@code POST /my} by label, a risk's targets through its {@code HAS_VULNERABILITY} edges, the
 * table models through {@code GET /my} by key prefix. Absent and empty count as equal; times compare as instants.
 */
public final class Verifier {

    /** One record that differs: its kind, tenant, key and, per field, what was expected and what the API showed. */
    public record Difference(String kind, String tenant, String key, String origin, Map<String, String[]> fields) {
    }

    public record Result(int matched, List<Difference> mismatched, List<Expected> missing,
                         Map<String, int[]> byKind) {
        public boolean clean() {
            return mismatched.isEmpty() && missing.isEmpty();
        }
    }

    private static final Map<String, String> LABELS = Map.of("asset", "Asset", "webapplication", "Asset",
            "attribute", "Attribute", "port", "Port", "risk", "Risk");
    private static final Map<String, String> PREFIXES = Map.of("job", "#job#", "account", "#account#",
            "integration", "#account#", "key", "#key#", "setting", "#setting#", "configuration", "#configuration#");

    private final QueryApi api;

    public Verifier(QueryApi api) {
        this.api = api;
    }

    public Result verify(List<Expected> expected) {
        Map<String, Map<String, List<Expected>>> byTenantKind = new TreeMap<>();
        for (Expected e : expected) {
            byTenantKind.computeIfAbsent(e.tenant(), t -> new TreeMap<>())
                    .computeIfAbsent(e.kind(), k -> new ArrayList<>()).add(e);
        }
        int matched = 0;
        List<Difference> mismatched = new ArrayList<>();
        List<Expected> missing = new ArrayList<>();
        Map<String, int[]> byKind = new TreeMap<>();
        for (var tenant : byTenantKind.entrySet()) {
            Map<String, Map<String, JsonNode>> cache = new HashMap<>();
            for (var kind : tenant.getValue().entrySet()) {
                Map<String, JsonNode> actual = cache.computeIfAbsent(source(kind.getKey()),
                        s -> fetch(tenant.getKey(), kind.getKey()));
                for (Expected e : kind.getValue()) {
                    int[] counts = byKind.computeIfAbsent(e.kind(), k -> new int[3]);
                    JsonNode item = actual.get(e.key());
                    if (item == null) {
                        missing.add(e);
                        counts[2]++;
                        continue;
                    }
                    Map<String, String[]> diff = compare(e, item, tenant.getKey());
                    if (diff.isEmpty()) {
                        matched++;
                        counts[0]++;
                    } else {
                        mismatched.add(new Difference(e.kind(), e.tenant(), e.key(), e.origin(), diff));
                        counts[1]++;
                    }
                }
            }
        }
        return new Result(matched, mismatched, missing, byKind);
    }

    private static String source(String kind) {
        return LABELS.containsKey(kind) ? "graph:" + LABELS.get(kind) : "table:" + PREFIXES.get(kind);
    }

    private Map<String, JsonNode> fetch(String tenant, String kind) {
        List<JsonNode> items;
        if (LABELS.containsKey(kind)) {
            ObjectNode node = Json.MAPPER.createObjectNode();
            node.putArray("labels").add(LABELS.get(kind));
            items = api.graph(tenant, node);
        } else if (PREFIXES.containsKey(kind)) {
            items = api.table(tenant, PREFIXES.get(kind));
        } else {
            items = List.of();
        }
        Map<String, JsonNode> byKey = new HashMap<>();
        items.forEach(i -> byKey.put(i.path("key").asText(), i));
        return byKey;
    }

    private Map<String, String[]> compare(Expected e, JsonNode item, String tenant) {
        Map<String, String[]> diff = new LinkedHashMap<>();
        for (var f : e.fields().entrySet()) {
            JsonNode want = f.getValue();
            JsonNode got = f.getKey().equals("targets") ? targets(tenant, e.key(), want)
                    : f.getKey().equals("discovered") ? discovered(tenant, e.key()) : item.get(f.getKey());
            boolean same = f.getKey().equals("history") ? sameHistory(want, got) : same(want, got);
            if (!same) {
                diff.put(f.getKey(), new String[]{String.valueOf(want), String.valueOf(got)});
            }
        }
        return diff;
    }

    /** The keys of the nodes with a HAS_VULNERABILITY edge to the risk, of the labels its expected targets have. */
    private JsonNode targets(String tenant, String riskKey, JsonNode expected) {
        Set<String> labels = new TreeSet<>();
        expected.forEach(t -> labels.add(t.asText().startsWith("#attribute#") ? "Attribute"
                : t.asText().startsWith("#port#") ? "Port" : t.asText().startsWith("#webpage#") ? "Webpage" : "Asset"));
        Set<String> keys = new TreeSet<>();
        for (String label : labels) {
            ObjectNode node = Json.MAPPER.createObjectNode();
            node.putArray("labels").add(label);
            ObjectNode rel = node.putArray("relationships").addObject();
            rel.put("label", "HAS_VULNERABILITY");
            ObjectNode risk = rel.putObject("target");
            risk.putArray("labels").add("Risk");
            ObjectNode filter = risk.putArray("filters").addObject();
            filter.put("field", "key");
            filter.put("operator", "=");
            filter.put("value", riskKey);
            api.graph(tenant, node).forEach(n -> keys.add(n.path("key").asText()));
        }
        ArrayNode out = Json.MAPPER.createArrayNode();
        keys.forEach(out::add);
        return out;
    }

    /** The keys of the assets with a DISCOVERED edge from {@code parentKey}. */
    private JsonNode discovered(String tenant, String parentKey) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.putArray("labels").add("Asset");
        ObjectNode rel = node.putArray("relationships").addObject();
        rel.put("label", "DISCOVERED");
        ObjectNode parent = rel.putObject("source");
        parent.putArray("labels").add("Asset");
        ObjectNode filter = parent.putArray("filters").addObject();
        filter.put("field", "key");
        filter.put("operator", "=");
        filter.put("value", parentKey);
        Set<String> keys = new TreeSet<>();
        api.graph(tenant, node).forEach(n -> keys.add(n.path("key").asText()));
        ArrayNode out = Json.MAPPER.createArrayNode();
        keys.forEach(out::add);
        return out;
    }

    static boolean same(JsonNode want, JsonNode got) {
        if (isEmpty(want) && isEmpty(got)) {
            return true;
        }
        if (want == null || got == null) {
            return false;
        }
        if (want.isNumber() || got.isNumber()) {
            try {
                return new BigDecimal(want.asText()).compareTo(new BigDecimal(got.asText())) == 0;
            } catch (NumberFormatException e) {
                return false;
            }
        }
        if (want.isTextual() && got.isTextual()) {
            return want.asText().equals(got.asText()) || sameInstant(want.asText(), got.asText());
        }
        if (want.isTextual() != got.isTextual() && (want.isContainerNode() || got.isContainerNode())) {
            // JSON held as text on one side (a setting's value, a graph's history)
            JsonNode w = want.isTextual() ? parse(want.asText()) : want;
            JsonNode g = got.isTextual() ? parse(got.asText()) : got;
            return w != null && g != null && same(w, g);
        }
        if (want.isArray() && got.isArray()) {
            if (want.size() != got.size()) {
                return false;
            }
            for (int i = 0; i < want.size(); i++) {
                if (!same(want.get(i), got.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (want.isObject() && got.isObject()) {
            Set<String> names = new TreeSet<>();
            want.fieldNames().forEachRemaining(names::add);
            got.fieldNames().forEachRemaining(names::add);
            for (String n : names) {
                if (!same(want.get(n), got.get(n))) {
                    return false;
                }
            }
            return true;
        }
        return want.equals(got);
    }

    /** History records: from/comment absent or empty alike; times as instants. */
    private static boolean sameHistory(JsonNode want, JsonNode got) {
        JsonNode g = got != null && got.isTextual() ? parse(got.asText()) : got;
        if (isEmpty(want) && isEmpty(g)) {
            return true;
        }
        if (want == null || g == null || !g.isArray() || want.size() != g.size()) {
            return false;
        }
        for (int i = 0; i < want.size(); i++) {
            JsonNode w = want.get(i);
            JsonNode a = g.get(i);
            for (String f : List.of("from", "to", "by", "comment", "updated")) {
                if (!same(w.get(f), a.get(f))) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean isEmpty(JsonNode n) {
        return n == null || n.isNull() || n.isMissingNode() || (n.isTextual() && n.asText().isEmpty())
               || (n.isContainerNode() && n.isEmpty());
    }

    private static boolean sameInstant(String a, String b) {
        try {
            return Instant.parse(a).equals(Instant.parse(b));
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static JsonNode parse(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (IOException e) {
            return null;
        }
    }

    /** For reports: the first {@code n} differences as lines. */
    public static List<String> lines(Result result, int n) {
        List<String> lines = new ArrayList<>();
        Iterator<Difference> d = result.mismatched().iterator();
        while (d.hasNext() && lines.size() < n) {
            Difference x = d.next();
            x.fields().forEach((f, v) -> lines.add("mismatch " + x.kind() + " " + x.tenant() + " " + x.key() + " ("
                    + x.origin() + "): " + f + " expected " + cut(v[0]) + ", API shows " + cut(v[1])));
        }
        Iterator<Expected> m = result.missing().iterator();
        while (m.hasNext() && lines.size() < 2 * n) {
            Expected x = m.next();
            lines.add("missing " + x.kind() + " " + x.tenant() + " " + x.key() + " (" + x.origin() + ")");
        }
        return lines;
    }

    private static String cut(String s) {
        return s.length() > 160 ? s.substring(0, 160) + "…" : s;
    }
}
