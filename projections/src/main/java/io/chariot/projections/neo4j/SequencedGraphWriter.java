package io.chariot.projections.neo4j;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chariot.projections.verify.ReadModelDigest;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Result;
import org.neo4j.driver.Session;
import org.neo4j.driver.Transaction;

import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.chariot.projections.neo4j.GraphSchema.uid;

/**
 * The write side every Neo4j projection shares. Nodes remember the last aggregate sequence number applied to them
 * ({@code _seq}); statements guard on it so replays and redeliveries are harmless. Every statement gets
 * {@code $uid} (tenant + key) and {@code $seq}; values only ever travel as parameters.
 */
public final class SequencedGraphWriter {

    private static final Pattern OUR_LABELS = Pattern.compile(
            ":(" + String.join("|", GraphSchema.ALL_LABELS) + ")\\b");

    private static final int STATEMENTS_PER_TRANSACTION = 1000;
    /**
     * A replay thread's open transaction, shared by every writer on that thread (the graph's read models touch the
     * same nodes: two transactions of one thread would wait on each other's locks).
     */
    private static final ThreadLocal<Batch> BATCH = new ThreadLocal<>();

    private static final class Batch {
        final Session session;
        /** Statements waiting to go as one {@code UNWIND} per group (ADR 0030). */
        final StatementGroups waiting = new StatementGroups();
        Transaction tx;
        int statements;
        int depth = 1;

        Batch(Driver driver) {
            session = driver.session();
            tx = session.beginTransaction();
        }
    }

    /** The one thing statements need from a transaction. */
    @FunctionalInterface
    public interface GraphTx {
        Result run(String cypher, Map<String, Object> params);
    }

    private final Driver driver;
    private final ObjectMapper json;
    private final boolean grouped;
    private final String labelSuffix;

    /** A writer whose replays send like statements as one {@code UNWIND} each (ADR 0030). */
    public SequencedGraphWriter(Driver driver, ObjectMapper json) {
        this(driver, json, true);
    }

    /**
     * @param grouped whether a replay's like statements go as one {@code UNWIND} each (ADR 0030); false sends
     *                each one as it is written (a live processor's batch has its own setting: {@link LiveGraphBatches})
     */
    public SequencedGraphWriter(Driver driver, ObjectMapper json, boolean grouped) {
        this(driver, json, grouped, "");
    }

    private SequencedGraphWriter(Driver driver, ObjectMapper json, boolean grouped, String labelSuffix) {
        this.driver = driver;
        this.json = json;
        this.grouped = grouped;
        this.labelSuffix = labelSuffix;
    }

    /** The same writer for another generation of the graph: its labels carry the generation's suffix. */
    public SequencedGraphWriter forGeneration(int generation) {
        return new SequencedGraphWriter(driver, json, grouped, GraphSchema.labelSuffix(generation));
    }

    /**
     * Rewrites the graph's labels in a statement ({@code :Asset} → {@code :Asset_g2}) so generations never see
     * each other's nodes. Statements are written for generation 0; values never appear in them (parameters only).
     */
    public String cypher(String statement) {
        return labelSuffix.isEmpty() ? statement
                : OUR_LABELS.matcher(statement).replaceAll(":$1" + Matcher.quoteReplacement(labelSuffix));
    }

    public String label(String label) {
        return label + labelSuffix;
    }

    public Driver driver() {
        return driver;
    }

    /**
     * Runs some statements as one unit: in this thread's replay transaction when it batches, in its live
     * processor's batch transaction ({@link LiveGraphBatches}) when it has one, else in a write transaction of its
     * own. Statements waiting to be grouped are sent first, so the work sees every write before it. In a live
     * batch whose grouped statements failed, the work is not run and the result is null: the batch runs again.
     */
    public <T> T inWrite(Function<GraphTx, T> work) {
        LiveGraphWrites live = LiveGraphBatches.current();
        if (live != null) {
            return live.run(work);
        }
        Batch batch = BATCH.get();
        if (batch != null) {
            Transaction tx = batch.tx;
            batch.statements += batch.waiting.sendTo(StatementGroups.in(tx));
            T result = work.apply(tx::run);
            if (++batch.statements >= STATEMENTS_PER_TRANSACTION) {
                commit(batch);
            }
            return result;
        }
        try (var session = driver.session()) {
            return session.executeWrite(tx -> work.apply(tx::run));
        }
    }

    /** Groups this thread's writes into transactions of many events (replays only). */
    public void beginBatch() {
        Batch batch = BATCH.get();
        if (batch == null) {
            BATCH.set(new Batch(driver));
        } else {
            batch.depth++;
        }
    }

    public void flushBatch() {
        Batch batch = BATCH.get();
        if (batch != null && (batch.statements > 0 || batch.waiting.size() > 0)) {
            commit(batch);
        }
    }

    public void endBatch() {
        Batch batch = BATCH.get();
        if (batch == null) {
            return;
        }
        try {
            flushBatch();
        } finally {
            if (--batch.depth == 0) {
                batch.tx.close();
                batch.session.close();
                BATCH.remove();
            }
        }
    }

    /** Commits what the batch grouped; committed or rolled back, a fresh transaction follows. */
    private static void commit(Batch batch) {
        try {
            batch.waiting.sendTo(StatementGroups.in(batch.tx));
            batch.tx.commit();
        } finally {
            batch.tx.close();
            batch.tx = batch.session.beginTransaction();
            batch.statements = 0;
        }
    }

    /**
     * A statement that only writes, with {@code $uid} and {@code $seq} added to its parameters. In a batch (live or
     * replay, with grouping on) it waits to go as one {@code UNWIND} with the batch's like statements
     * ({@link StatementGroups}), so it must name every node it touches by a top-level string parameter; a statement
     * that finds a node another way belongs in {@link #inWrite}.
     */
    public void write(String cypher, String tenant, String key, long seq, Map<String, Object> params) {
        Map<String, Object> all = new HashMap<>(params);
        all.put("uid", uid(tenant, key));
        all.put("seq", seq);
        String statement = cypher(cypher);
        LiveGraphWrites live = LiveGraphBatches.current();
        if (live != null) {
            live.write(statement, all);
            return;
        }
        Batch batch = BATCH.get();
        if (batch != null && grouped) {
            batch.waiting.add(statement, all);
            if (batch.statements + batch.waiting.size() >= STATEMENTS_PER_TRANSACTION) {
                commit(batch);
            }
            return;
        }
        inWrite(tx -> tx.run(statement, all).consume());
    }

    /**
     * Appends a history record {from, to, by, comment, updated} to a node's JSON history and sets {@code set},
     * unless a newer event already did. History is a JSON string: Neo4j properties cannot hold lists of maps.
     * <p>
     * The record is appended inside the statement, as text (a compact JSON array is {@code [} records joined by
     * {@code ,} {@code ]}, and only this writer writes it), so the append is a plain write that groups with the
     * batch's others (ADR 0030) instead of a read, a parse and a write. A history that is not a JSON array fails the
     * statement (a division by zero, the one error Cypher raises on demand) rather than being replaced.
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
        Map<String, Object> props = new HashMap<>(set);
        props.put("updated", at.toString());
        props.put("_seq", seq);
        write("MATCH (n:" + label + " {uid: $uid}) WHERE n._seq < $seq\n" + APPEND_HISTORY, tenant, key, seq,
                Map.of("props", props, "record", json(record)));
    }

    private static final String APPEND_HISTORY = """
            WITH n, coalesce(n.history, '[]') AS h
            SET n += $props, n.history = CASE
              WHEN h = '[]' THEN '[' + $record + ']'
              WHEN h STARTS WITH '[{' AND h ENDS WITH '}]' THEN left(h, size(h) - 1) + ',' + $record + ']'
              ELSE toString(1 / 0) END
            """;

    /**
     * Deletes a node and its edges unless a later event of its aggregate already wrote it again (a re-add seen
     * first by another processor, or a replayed removal): only nodes older than {@code seq} go.
     */
    public void detachDelete(String label, String tenant, String key, long seq) {
        write("MATCH (n:" + label + " {uid: $uid}) WHERE coalesce(n._seq, -1) < $seq DETACH DELETE n",
                tenant, key, seq, Map.of());
    }

    /**
     * Removes one tenant's nodes with the labels: those scoped to it ({@code username}) and the stubs and pending
     * edges another group left for it (their {@code uid} starts with tenant + '#'; no tenant holds '#'). Two
     * statements per label, each on an index (tenant, uid constraint), so a purge never scans a label. Idempotent.
     */
    public void deleteTenant(List<String> labels, String tenant) {
        inWrite(tx -> {
            for (String label : labels) {
                tx.run("MATCH (n:" + label(label) + ") WHERE n.username = $tenant DETACH DELETE n",
                        Map.of("tenant", tenant)).consume();
                tx.run("MATCH (n:" + label(label) + ") WHERE n.uid STARTS WITH $own DETACH DELETE n",
                        Map.of("own", tenant + "#")).consume();
            }
            return null;
        });
    }

    /** Removes every node with one of the labels, in batches so a large graph never needs one huge transaction. */
    public void clear(List<String> labels) {
        try (var session = driver.session()) {
            for (String label : labels) {
                session.run("MATCH (n:" + label(label) + ") CALL { WITH n DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS")
                        .consume();
            }
        }
    }

    /**
     * Per-tenant digest of the nodes with the given labels and of the edges leaving them: labels (without the
     * generation suffix) and properties, {@code _seq} left out.
     */
    public ReadModelDigest digest(List<String> labels) {
        var digest = ReadModelDigest.builder();
        try (var session = driver.session()) {
            for (String label : labels) {
                // Only what tenant queries can see: a stub node without a username is bookkeeping.
                session.run("MATCH (n:" + label(label) + ") WHERE n.username IS NOT NULL "
                        + "RETURN n.username AS t, labels(n) AS l, properties(n) AS p").forEachRemaining(r -> {
                    Map<String, Object> props = new TreeMap<>(r.get("p").asMap());
                    props.remove("_seq");
                    List<String> nodeLabels = r.get("l").asList(v -> unsuffixed(v.asString()));
                    digest.add(r.get("t").asString(""), "node" + ReadModelDigest.canonical(new TreeSet<>(nodeLabels))
                            + ReadModelDigest.canonical(props));
                });
                session.run("MATCH (n:" + label(label) + ")-[e]->(m) WHERE n.username IS NOT NULL "
                        + "RETURN n.username AS t, n.uid AS a, "
                        + "type(e) AS type, m.uid AS b, properties(e) AS p").forEachRemaining(r -> digest.add(
                        r.get("t").asString(""), "edge" + r.get("a").asString("") + "-" + r.get("type").asString()
                                + "->" + r.get("b").asString("") + ReadModelDigest.canonical(r.get("p").asMap())));
            }
        }
        return digest.build();
    }

    private String unsuffixed(String label) {
        return !labelSuffix.isEmpty() && label.endsWith(labelSuffix)
                ? label.substring(0, label.length() - labelSuffix.length()) : label;
    }

    private String json(Map<String, Object> record) {
        try {
            return json.writeValueAsString(record);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
