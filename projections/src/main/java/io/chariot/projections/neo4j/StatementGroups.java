package io.chariot.projections.neo4j;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A batch's statements waiting to be sent, like ones grouped: each group goes as one {@code UNWIND} over its rows
 * (ADR 0030). Neo4j spends most of a small statement's time on the round trip and the statement itself, not on the
 * row, so a hundred {@code MERGE}s of assets cost about what one costs.
 * <p>
 * The graph must end up as if the statements had run in the order they were written. A statement's nodes are
 * named by its parameters (the {@code uid} of each node it matches or merges), so a row may join an earlier group
 * of its statement only if no group after that one names any of the same values; otherwise it starts a new group
 * at the end. Every top-level string parameter counts as a name — more than the uids (a timestamp, a key), which
 * at worst splits a group, never reorders two statements on one node. A statement that finds a node some other
 * way (through another node's property) is grouped only when a statement that named that node orders it anyway (a
 * risk's pending edge: the link that left it named the risk and the target); otherwise it runs as work of its own
 * ({@code inWrite}), before which everything waiting is sent.
 * <p>
 * Inside the {@code UNWIND}, each row runs as a {@code CALL} subquery, which sees the rows before it: two events of
 * one node in one group still apply in order, and the sequence guards work as they do one statement at a time.
 */
final class StatementGroups {

    /** Rows per {@code UNWIND}; a larger group is split, in order. */
    static final int MAX_ROWS = 1000;

    private static final Pattern PARAMETER = Pattern.compile("\\$([A-Za-z_][A-Za-z0-9_]*)");
    private static final String ROW = "_row";
    /**
     * Each statement's grouped form: few distinct statements per generation (per event kind and label), but every
     * blue-green rebuild brings a new label suffix, so the cache starts again once it holds this many.
     */
    static final int MAX_CACHED = 512;
    private static final Map<String, String> UNWOUND = new ConcurrentHashMap<>();

    /** Runs a statement to its end (in a transaction). */
    @FunctionalInterface
    interface Statements {
        void run(String cypher, Map<String, Object> params);
    }

    /** Statements run in a transaction. */
    static Statements in(org.neo4j.driver.Transaction tx) {
        return (cypher, params) -> tx.run(cypher, params).consume();
    }

    /** One statement's parameters, waiting in a group. */
    static final class Row {
        private final Map<String, Object> params;
        private final Set<Object> names;
        private Group group;

        private Row(Map<String, Object> params) {
            this.params = params;
            this.names = namesOf(params);
        }
    }

    private static final class Group {
        final String cypher;
        final List<Row> rows = new ArrayList<>();
        final Set<Object> names = new HashSet<>();

        Group(String cypher) {
            this.cypher = cypher;
        }
    }

    private final List<Group> groups = new ArrayList<>();
    private int rows;

    /** Queues a statement behind every waiting statement that names one of its nodes. */
    Row add(String cypher, Map<String, Object> params) {
        Row row = new Row(params);
        int lastSharing = -1;
        for (int i = groups.size() - 1; i >= 0; i--) {
            if (!Collections.disjoint(groups.get(i).names, row.names)) {
                lastSharing = i;
                break;
            }
        }
        Group target = null;
        for (int i = groups.size() - 1; i >= Math.max(lastSharing, 0); i--) {
            Group group = groups.get(i);
            if (group.cypher.equals(cypher) && group.rows.size() < MAX_ROWS) {
                target = group;
                break;
            }
        }
        if (target == null) {
            target = new Group(cypher);
            groups.add(target);
        }
        target.rows.add(row);
        target.names.addAll(row.names);
        row.group = target;
        rows++;
        return row;
    }

    /**
     * Takes back a row not yet sent (its event was parked); false when it was already sent. The group keeps the
     * row's names: an order it imposed on later rows is still a valid order.
     */
    boolean remove(Row row) {
        if (row.group == null || !row.group.rows.remove(row)) {
            return false;
        }
        rows--;
        if (row.group.rows.isEmpty()) {
            groups.remove(row.group);
        }
        row.group = null;
        return true;
    }

    /** Whether the row is still waiting (not sent, not taken back). */
    boolean waiting(Row row) {
        return row.group != null;
    }

    /** Statements waiting. */
    int size() {
        return rows;
    }

    /** A statement ready to run: a group of one as it was written, a larger group as its {@code UNWIND}. */
    record Statement(String cypher, Map<String, Object> params) {
    }

    /** Takes every group, in order, as the statements that send them; nothing waits afterwards. */
    List<Statement> take() {
        List<Statement> statements = new ArrayList<>(groups.size());
        for (Group group : groups) {
            group.rows.forEach(row -> row.group = null);
            if (group.rows.size() == 1) {
                statements.add(new Statement(group.cypher, group.rows.get(0).params));
            } else {
                List<Map<String, Object>> params = new ArrayList<>(group.rows.size());
                group.rows.forEach(row -> params.add(row.params));
                statements.add(new Statement(unwound(group.cypher), Map.of("rows", params)));
            }
        }
        groups.clear();
        rows = 0;
        return statements;
    }

    /**
     * Sends every group, in order, and forgets them — sent or failed (a failure ends the transaction anyway).
     * Returns how many statements were waiting.
     */
    int sendTo(Statements tx) {
        int sent = rows;
        take().forEach(statement -> tx.run(statement.cypher(), statement.params()));
        return sent;
    }

    /** {@code MATCH (a {uid: $uid}) …} as {@code UNWIND $rows AS _row CALL (_row) { MATCH (a {uid: _row.uid}) … }}. */
    static String unwound(String cypher) {
        if (UNWOUND.size() >= MAX_CACHED && !UNWOUND.containsKey(cypher)) {
            UNWOUND.clear();
        }
        return UNWOUND.computeIfAbsent(cypher, statement -> "UNWIND $rows AS " + ROW + " CALL (" + ROW + ") {\n"
                + PARAMETER.matcher(statement).replaceAll(Matcher.quoteReplacement(ROW) + ".$1") + "\n}");
    }

    /** How many grouped forms are cached now. */
    static int cached() {
        return UNWOUND.size();
    }

    private static Set<Object> namesOf(Map<String, Object> params) {
        Set<Object> names = new HashSet<>();
        params.values().forEach(value -> {
            if (value instanceof String) {
                names.add(value);
            }
        });
        return names;
    }
}
