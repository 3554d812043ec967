package io.chariot.query.graph;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.chariot.projections.availability.ReadTimeouts;
import io.chariot.projections.availability.StoreUnavailableException;
import io.chariot.projections.neo4j.GraphSchema;
import io.chariot.query.shape.HistoryShape;
import org.neo4j.driver.AccessMode;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.neo4j.driver.SessionConfig;
import org.neo4j.driver.TransactionConfig;
import org.neo4j.driver.exceptions.Neo4jException;
import org.neo4j.driver.Value;
import org.neo4j.driver.async.AsyncSession;
import org.neo4j.driver.async.ResultCursor;

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
    private final ReadTimeouts timeouts;

    /** @param generation the graph's live generation (the read alias) */
    public GraphSearch(Driver driver, IntSupplier generation, ObjectMapper json, ReadTimeouts timeouts) {
        this.driver = driver;
        this.generation = generation;
        this.json = json;
        this.timeouts = timeouts;
    }

    public record Result(List<Map<String, Object>> items, String offset) {
    }

    public Result search(GraphQuery query, String tenant) {
        // The live generation of the graph: a blue-green build writes suffixed labels until the alias switches.
        var statement = CypherTranslator.translate(query, tenant, GraphSchema.labelSuffix(generation.getAsInt()));
        // Asynchronous, bounded by the read timeout: the driver has no client-side read time-out, and a blocking read
        // on a connection whose server stopped answering would hold this request thread for as long as the stall.
        AsyncSession session = driver.session(AsyncSession.class, SessionConfig.builder()
                .withDefaultAccessMode(AccessMode.READ).build());
        List<Record> records;
        // The same bound on the server: Neo4j ends the transaction, so a costly query stops working when its request
        // gives up instead of running on (query cost is bounded up front too, CypherTranslator).
        TransactionConfig bounded = TransactionConfig.builder().withTimeout(timeouts.readTimeout()).build();
        try {
            records = timeouts.deadline().await("neo4j", session.executeReadAsync(
                    tx -> tx.runAsync(statement.cypher(), statement.params()).thenCompose(ResultCursor::listAsync),
                    bounded));
        } catch (Neo4jException e) {
            if (e.code() != null && e.code().contains("TransactionTimedOut")) {
                throw new StoreUnavailableException("neo4j", "the query did not finish in time", e);
            }
            throw e;
        } finally {
            session.closeAsync(); // after a time-out the connection returns to the pool once the server answers
        }
        List<Map<String, Object>> items = new ArrayList<>();
        records.forEach(r -> items.add(shape(r.get("node"))));
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
        return HistoryShape.shape(props);
    }
}
