package io.chariot.projections.neo4j;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.neo4j.driver.Driver;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.chariot.projections.neo4j.GraphSchema.uid;

/**
 * The write side every Neo4j projection shares. Nodes remember the last aggregate sequence number applied to them
 * ({@code _seq}); statements guard on it so replays and redeliveries are harmless. Every statement gets
 * {@code $uid} (tenant + key) and {@code $seq}; values only ever travel as parameters.
 */
public final class SequencedGraphWriter {

    private final Driver driver;
    private final ObjectMapper json;

    public SequencedGraphWriter(Driver driver, ObjectMapper json) {
        this.driver = driver;
        this.json = json;
    }

    public Driver driver() {
        return driver;
    }

    public void write(String cypher, String tenant, String key, long seq, Map<String, Object> params) {
        Map<String, Object> all = new HashMap<>(params);
        all.put("uid", uid(tenant, key));
        all.put("seq", seq);
        try (var session = driver.session()) {
            session.executeWrite(tx -> tx.run(cypher, all).consume());
        }
    }

    /**
     * Appends a history record {from, to, by, comment, updated} to a node's JSON history and sets {@code set},
     * unless a newer event already did. History is a JSON string: Neo4j properties cannot hold lists of maps.
     */
    public void appendHistory(String label, String tenant, String key, long seq, String from, String to, String by,
                              String comment, Instant at, Map<String, Object> set) {
        Map<String, Object> record = new LinkedHashMap<>();
        if (from != null || to != null) {
            record.put("from", from == null ? "" : from);
            record.put("to", to);
        }
        record.put("by", by);
        if (comment != null) {
            record.put("comment", comment);
        }
        record.put("updated", at.toString());
        String match = "MATCH (n:" + label + " {uid: $uid})";
        try (var session = driver.session()) {
            session.executeWrite(tx -> {
                var current = tx.run(match + " WHERE n._seq < $seq RETURN n.history AS h",
                        Map.of("uid", uid(tenant, key), "seq", seq)).list();
                if (current.isEmpty()) {
                    return null;
                }
                Map<String, Object> props = new HashMap<>(set);
                props.put("history", appendJson(current.get(0).get("h").asString("[]"), record));
                props.put("updated", at.toString());
                props.put("_seq", seq);
                tx.run(match + " SET n += $props", Map.of("uid", uid(tenant, key), "props", props)).consume();
                return null;
            });
        }
    }

    public void detachDelete(String label, String tenant, String key) {
        try (var session = driver.session()) {
            session.executeWrite(tx -> tx.run("MATCH (n:" + label + " {uid: $uid}) DETACH DELETE n",
                    Map.of("uid", uid(tenant, key))).consume());
        }
    }

    /** Removes every node with one of the labels, in batches so a large graph never needs one huge transaction. */
    public void clear(List<String> labels) {
        try (var session = driver.session()) {
            for (String label : labels) {
                session.run("MATCH (n:" + label + ") CALL { WITH n DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS")
                        .consume();
            }
        }
    }

    public String appendJson(String historyJson, Map<String, Object> record) {
        try {
            List<Object> list = new ArrayList<>(List.of(json.readValue(historyJson, Object[].class)));
            list.add(record);
            return json.writeValueAsString(list);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable history on node", e);
        }
    }
}
