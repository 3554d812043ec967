package io.chariot.query.graph;

import com.fasterxml.jackson.databind.JsonNode;
import io.chariot.api.input.Inputs;
import io.chariot.api.input.StoreLimits;
import io.chariot.api.rejection.Rejected;
import io.chariot.projections.neo4j.GraphSchema;
import io.chariot.query.graph.GraphQuery.Filter;
import io.chariot.query.graph.GraphQuery.Node;
import io.chariot.query.graph.GraphQuery.Relationship;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Translates a {@link GraphQuery} into one parameterised Cypher statement scoped to one tenant. Labels, relationship
 * types and field names cannot be parameters in Cypher, so they must match a strict identifier pattern; every value
 * and the search text travel only as parameters.
 */
public final class CypherTranslator {

    public static final Set<String> OPERATORS = Set.of("=", "CONTAINS", "LIKE", "<", "<=", ">", ">=", "STARTS WITH",
            "ENDS WITH", "OR", "AND", "IN", "IS NULL", "IS NOT NULL", "ANY_STARTS_WITH", "ANY_IN");
    public static final int MAX_LIMIT = 10_000;
    public static final int DEFAULT_LIMIT = 100;
    private static final int MAX_DEPTH = 5;
    /**
     * What one query may ask, so its cost stays bounded: filters (nested ones included) and relationships in the
     * whole query, values of one filter, and the length of any one value or search text (a value longer than an
     * indexed property can be matches nothing; a long LIKE pattern is an expensive regular expression).
     */
    public static final int MAX_FILTERS = 50;
    public static final int MAX_RELATIONSHIPS = 10;
    public static final int MAX_VALUES = 100;
    public static final int MAX_VALUE_BYTES = StoreLimits.INDEXED_BYTES;
    private static final Pattern IDENTIFIER = Pattern.compile("^[A-Za-z_][A-Za-z0-9_]{0,63}$");

    private final Map<String, Object> params = new HashMap<>();
    private int counter;
    private int filters;

    public record Statement(String cypher, Map<String, Object> params, int page, int limit) {
    }

    private final String labelSuffix;

    private CypherTranslator(String labelSuffix) {
        this.labelSuffix = labelSuffix;
    }

    public static Statement translate(GraphQuery query, String tenant) {
        return translate(query, tenant, "");
    }

    /** @param labelSuffix the live graph generation's label suffix ({@code ""} for generation 0) */
    public static Statement translate(GraphQuery query, String tenant, String labelSuffix) {
        return new CypherTranslator(labelSuffix).build(query, tenant);
    }

    private Statement build(GraphQuery query, String tenant) {
        if (query == null || query.node() == null) {
            throw Rejected.invalid("query.node is required");
        }
        int limit = query.limit() == null ? DEFAULT_LIMIT : query.limit();
        int page = query.page() == null ? 0 : query.page();
        if (limit < 1 || page < 0) {
            throw Rejected.invalid("limit must be positive and page must not be negative");
        }
        if (limit > MAX_LIMIT) {
            throw new PageTooLargeException("limit " + limit + " is over " + MAX_LIMIT + ": reduce page size");
        }
        params.put("tenant", tenant);
        String root = "n0";
        String where = conditions(root, query.node(), 0);
        String order = query.orderBy() == null || query.orderBy().isBlank() ? "key" : identifier(query.orderBy(), "orderBy");
        String direction = Boolean.TRUE.equals(query.descending()) ? " DESC" : "";
        params.put("skip", (long) page * limit);
        params.put("limit", limit + 1L);
        String cypher = "MATCH (" + root + labels(query.node().labels()) + ") WHERE " + where
                + " RETURN " + root + " AS node ORDER BY " + root + ".`" + order + "`" + direction
                + ", " + root + ".key SKIP $skip LIMIT $limit";
        return new Statement(cypher, Map.copyOf(params), page, limit);
    }

    private String conditions(String var, Node node, int depth) {
        if (depth > MAX_DEPTH) {
            throw Rejected.invalid("relationships nest deeper than " + MAX_DEPTH);
        }
        List<String> parts = new ArrayList<>();
        parts.add(var + ".username = $tenant");
        if (node.filters() != null) {
            for (Filter f : node.filters()) {
                parts.add(filter(var, f));
            }
        }
        if (node.search() != null && !node.search().isBlank()) {
            bounded("search", node.search());
            String p = param(node.search().toLowerCase(Locale.ROOT));
            parts.add("(toLower(coalesce(" + var + ".key, '')) CONTAINS " + p
                    + " OR toLower(coalesce(toString(" + var + ".name), '')) CONTAINS " + p
                    + " OR toLower(coalesce(toString(" + var + ".dns), '')) CONTAINS " + p + ")");
        }
        if (node.relationships() != null) {
            for (Relationship r : node.relationships()) {
                if (Boolean.TRUE.equals(r.optional())) {
                    continue;
                }
                parts.add(relationship(var, r, depth));
            }
        }
        return String.join(" AND ", parts);
    }

    private String relationship(String var, Relationship r, int depth) {
        if (r == null) {
            throw Rejected.invalid("a relationship must be an object");
        }
        if (counter >= MAX_RELATIONSHIPS) {
            throw Rejected.invalid("a query may have at most " + MAX_RELATIONSHIPS + " relationships");
        }
        if ((r.source() == null) == (r.target() == null)) {
            throw Rejected.invalid("a relationship needs exactly one of source or target");
        }
        String types = relationshipTypes(r.label());
        String length = "";
        if (r.length() != null) {
            if (r.length() < 1 || r.length() > MAX_DEPTH) {
                throw Rejected.invalid("relationship length must be between 1 and " + MAX_DEPTH);
            }
            length = "*1.." + r.length();
        }
        Node other = r.source() != null ? r.source() : r.target();
        String otherVar = "n" + (++counter);
        String edge = "[:" + types + length + "]";
        String pattern = r.source() != null
                ? "(" + var + ")<-" + edge + "-(" + otherVar + labels(other.labels()) + ")"
                : "(" + var + ")-" + edge + "->(" + otherVar + labels(other.labels()) + ")";
        return "EXISTS { MATCH " + pattern + " WHERE " + conditions(otherVar, other, depth + 1) + " }";
    }

    private String filter(String var, Filter f) {
        if (f == null || f.operator() == null) {
            throw Rejected.invalid("every filter needs an operator");
        }
        if (++filters > MAX_FILTERS) {
            throw Rejected.invalid("a query may have at most " + MAX_FILTERS + " filters");
        }
        String op = f.operator().trim().toUpperCase(Locale.ROOT);
        if (!OPERATORS.contains(op)) {
            throw Rejected.invalid("unknown filter operator '" + f.operator() + "'; expected one of "
                    + new java.util.TreeSet<>(OPERATORS));
        }
        String condition;
        if (op.equals("AND") || op.equals("OR")) {
            condition = nested(var, f, op);
        } else {
            String field = var + ".`" + identifier(f.field(), "filter field") + "`";
            condition = switch (op) {
                case "IS NULL" -> field + " IS NULL";
                case "IS NOT NULL" -> field + " IS NOT NULL";
                case "IN" -> field + " IN " + param(list(f));
                case "=" -> f.value() != null && f.value().isArray()
                        ? field + " IN " + param(list(f)) : field + " = " + param(scalar(f.value(), f));
                case "ANY_IN" -> "any(x IN coalesce(" + field + ", []) WHERE x IN " + param(list(f)) + ")";
                case "ANY_STARTS_WITH" -> anyOf(f, v -> "any(x IN coalesce(" + field + ", []) WHERE x STARTS WITH "
                        + param(v) + ")");
                case "LIKE" -> anyOf(f, v -> "toString(" + field + ") =~ " + param(likeToRegex(String.valueOf(v))));
                case "CONTAINS", "STARTS WITH", "ENDS WITH" -> anyOf(f, v -> field + " " + op + " " + param(v));
                default -> anyOf(f, v -> field + " " + op + " " + param(v)); // <, <=, >, >=
            };
        }
        return Boolean.TRUE.equals(f.not()) ? "NOT (" + condition + ")" : "(" + condition + ")";
    }

    private String nested(String var, Filter f, String op) {
        if (f.value() == null || !f.value().isArray() || f.value().isEmpty()) {
            throw Rejected.invalid(op + " needs a non-empty list of filters as its value");
        }
        List<String> parts = new ArrayList<>();
        for (JsonNode child : f.value()) {
            if (!child.isObject()) {
                throw Rejected.invalid(op + " needs a list of filter objects as its value");
            }
            parts.add(filter(var, new Filter(text(child, "field"), text(child, "operator"), child.get("value"),
                    child.has("not") && child.get("not").asBoolean())));
        }
        return String.join(" " + op + " ", parts);
    }

    private String anyOf(Filter f, java.util.function.Function<Object, String> each) {
        List<String> parts = new ArrayList<>();
        for (Object v : values(f)) {
            parts.add(each.apply(v));
        }
        return String.join(" OR ", parts);
    }

    private List<Object> values(Filter f) {
        if (f.value() == null || f.value().isNull()) {
            throw Rejected.invalid("filter on '" + f.field() + "' with " + f.operator() + " needs a value");
        }
        List<Object> values = new ArrayList<>();
        if (f.value().size() > MAX_VALUES) {
            throw Rejected.invalid("filter on '" + f.field() + "' has more than " + MAX_VALUES + " values");
        }
        if (f.value().isArray()) {
            f.value().forEach(v -> values.add(scalar(v, f)));
        } else {
            values.add(scalar(f.value(), f));
        }
        if (values.isEmpty()) {
            throw Rejected.invalid("filter on '" + f.field() + "' has an empty value list");
        }
        return values;
    }

    private List<Object> list(Filter f) {
        return values(f);
    }

    private static Object scalar(JsonNode v, Filter f) {
        if (v == null || v.isNull()) {
            throw Rejected.invalid("filter on '" + f.field() + "' needs a value");
        }
        if (v.isTextual()) {
            return bounded("filter on '" + f.field() + "'", v.asText());
        }
        if (v.isBoolean()) {
            return v.asBoolean();
        }
        if (v.isIntegralNumber()) {
            return v.asLong();
        }
        if (v.isNumber()) {
            return v.asDouble();
        }
        throw Rejected.invalid("filter on '" + f.field() + "' has a value that is not a scalar");
    }

    /** A value or search text of at most {@link #MAX_VALUE_BYTES}: longer ones match nothing indexed, cost much. */
    private static String bounded(String what, String value) {
        if (Inputs.utf8Bytes(what, value) > MAX_VALUE_BYTES) {
            throw Rejected.invalid(what + ": a value is longer than " + MAX_VALUE_BYTES + " bytes");
        }
        return value;
    }

    private static String text(JsonNode node, String field) {
        return node.has(field) && !node.get(field).isNull() ? node.get(field).asText() : null;
    }

    private String relationshipTypes(JsonNode label) {
        List<String> types = new ArrayList<>();
        if (label == null || label.isNull()) {
            throw Rejected.invalid("a relationship needs a label");
        }
        if (label.isArray()) {
            label.forEach(l -> types.add(identifier(l.asText(), "relationship label")));
        } else {
            types.add(identifier(label.asText(), "relationship label"));
        }
        if (types.isEmpty()) {
            throw Rejected.invalid("a relationship needs a label");
        }
        return String.join("|", types);
    }

    /**
     * Labels of the live generation. Without labels, every label of the graph: a bare pattern would also match
     * the nodes of a generation being built beside the live one.
     */
    private String labels(List<String> labels) {
        List<String> checked = labels == null || labels.isEmpty() ? GraphSchema.ALL_LABELS
                : labels.stream().map(l -> identifier(l, "label")).toList();
        return ":" + String.join("|", checked.stream().map(l -> l + labelSuffix).toList());
    }

    private static String identifier(String name, String what) {
        if (name == null || !IDENTIFIER.matcher(name).matches()) {
            throw Rejected.invalid(what + " '" + name + "' is not a valid identifier");
        }
        return name;
    }

    private String param(Object value) {
        String name = "p" + params.size();
        params.put(name, value);
        return "$" + name;
    }

    /** SQL LIKE to a case-insensitive regex: % is any run, _ any one character, everything else literal. */
    static String likeToRegex(String like) {
        StringBuilder regex = new StringBuilder("(?is)");
        StringBuilder literal = new StringBuilder();
        for (char c : like.toCharArray()) {
            if (c == '%' || c == '_') {
                if (!literal.isEmpty()) {
                    regex.append(Pattern.quote(literal.toString()));
                    literal.setLength(0);
                }
                regex.append(c == '%' ? ".*" : ".");
            } else {
                literal.append(c);
            }
        }
        if (!literal.isEmpty()) {
            regex.append(Pattern.quote(literal.toString()));
        }
        return regex.toString();
    }

    /** {@code limit} over the maximum: 413 with "reduce page size", which makes the SDK halve its page. */
    public static class PageTooLargeException extends RuntimeException {
        public PageTooLargeException(String message) {
            super(message);
        }
    }
}
