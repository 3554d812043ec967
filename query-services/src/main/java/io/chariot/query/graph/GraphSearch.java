package io.chariot.query.graph;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.chariot.projections.neo4j.GraphSchema;
import org.neo4j.driver.Driver;
import org.neo4j.driver.SessionConfig;
import org.neo4j.driver.TransactionConfig;
import org.neo4j.driver.exceptions.Neo4jException;
import org.neo4j.driver.Value;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;

/** Runs a translated {@link GraphQuery} in a read transaction and shapes nodes the way Chariot returns them. */
public class GraphSearch {

    /** Properties the graph projections store as JSON strings (Neo4j holds no maps) and clients read as lists. */
    private static final List<String> JSON_LISTS = List.of("history", "tickets");

    private final Driver driver;
    private final IntSupplier generation;
    private final ObjectMapper json;
    private final TransactionConfig transaction;
    private final Duration timeout;

    /**
     * @param generation the graph's live generation (the read alias)
     * @param timeout    how long Neo4j may run one query before it ends the transaction
     */
    public GraphSearch(Driver driver, IntSupplier generation, ObjectMapper json, Duration timeout) {
        this.driver = driver;
        this.generation = generation;
        this.json = json;
        this.timeout = timeout;
        this.transaction = TransactionConfig.builder().withTimeout(timeout).build();
    }

    /** The database ended a query at the time-out: answered 503, the client may narrow the query or retry. */
    public static class QueryTimeoutException extends RuntimeException {
        public QueryTimeoutException(String message) {
            super(message);
        }
    }

    public record Result(List<Map<String, Object>> items, String offset) {
    }

    public Result search(GraphQuery query, String tenant) {
        // The live generation of the graph: a blue-green build writes suffixed labels until the alias switches.
        var statement = CypherTranslator.translate(query, tenant, GraphSchema.labelSuffix(generation.getAsInt()));
        List<Map<String, Object>> items = new ArrayList<>();
        try (var session = driver.session(SessionConfig.builder().withDefaultAccessMode(
                org.neo4j.driver.AccessMode.READ).build())) {
            session.executeRead(tx -> {
                tx.run(statement.cypher(), statement.params()).forEachRemaining(r -> items.add(shape(r.get("node"))));
                return null;
            }, transaction);
        } catch (Neo4jException e) {
            if (e.code() != null && e.code().contains("TransactionTimedOut")) {
                throw new QueryTimeoutException("the graph query did not finish within " + timeout.toSeconds()
                        + " s; narrow it (fewer filters or values, a smaller page) or retry later");
            }
            throw e;
        }
        String offset = null;
        if (items.size() > statement.limit()) {
            items.remove(items.size() - 1);
            offset = Integer.toString(statement.page() + 1);
        }
        return new Result(items, offset);
    }

    private Map<String, Object> shape(Value node) {
        Map<String, Object> props = new LinkedHashMap<>(node.asMap());
        props.remove("uid");
        props.remove("_seq");
        for (String name : JSON_LISTS) {
            if (props.get(name) instanceof String s) {
                try {
                    props.put(name, json.readValue(s, List.class));
                } catch (Exception e) {
                    props.put(name, List.of());
                }
            }
        }
        return props;
    }
}
