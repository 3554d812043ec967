package io.chariot.query.graph;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * The {@code POST /my} body (chariot-api.md §3.3b): a node pattern with labels, filters, a search text and nested
 * relationships, plus paging. Unknown members ({@code shortest}, {@code alias}…) are ignored.
 */
public record GraphQuery(Node node, Integer page, Integer limit, String orderBy, Boolean descending) {

    public record Node(List<String> labels, List<Filter> filters, String search, List<Relationship> relationships) {
    }

    /** {@code value} is a scalar, a list (OR-ed), or for AND/OR a list of nested filters. */
    public record Filter(String field, String operator, JsonNode value, Boolean not) {
    }

    /** Exactly one of {@code source} (it points at the parent) or {@code target} (the parent points at it). */
    public record Relationship(JsonNode label, Node source, Node target, Boolean optional, Integer length) {
    }
}
