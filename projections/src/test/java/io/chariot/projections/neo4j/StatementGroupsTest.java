package io.chariot.projections.neo4j;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** How a batch's statements are grouped into {@code UNWIND}s, and in what order they go (no store needed). */
class StatementGroupsTest {

    private static final String ASSET = "MERGE (a:Asset {uid: $uid}) SET a._seq = $seq";
    private static final String ATTRIBUTE = "MATCH (a:Asset {uid: $parent}) MERGE (t:Attribute {uid: $uid})";

    private final StatementGroups groups = new StatementGroups();
    private final List<String> sent = new ArrayList<>();

    @Test
    void likeStatementsOnDifferentNodesGoAsOneUnwindWithTheirRowsInOrder() {
        groups.add(ASSET, Map.of("uid", "t#a1", "seq", 1L));
        groups.add(ASSET, Map.of("uid", "t#a2", "seq", 1L));
        groups.add(ASSET, Map.of("uid", "t#a3", "seq", 1L));

        assertThat(send()).isEqualTo(3);
        assertThat(sent).containsExactly(StatementGroups.unwound(ASSET) + " [t#a1, t#a2, t#a3]");
    }

    @Test
    void aStatementJoinsAnEarlierGroupOfItsKindWhenNothingBetweenNamesItsNodes() {
        groups.add(ASSET, Map.of("uid", "t#a1", "seq", 1L));
        groups.add(ATTRIBUTE, Map.of("uid", "t#x1", "parent", "t#a1", "seq", 1L));
        groups.add(ASSET, Map.of("uid", "t#a2", "seq", 1L));
        groups.add(ATTRIBUTE, Map.of("uid", "t#x2", "parent", "t#a2", "seq", 1L));

        send();
        assertThat(sent).containsExactly(StatementGroups.unwound(ASSET) + " [t#a1, t#a2]",
                StatementGroups.unwound(ATTRIBUTE) + " [t#x1, t#x2]");
    }

    @Test
    void aStatementOnANodeAnEarlierGroupOfAnotherKindNamedWaitsBehindThatGroup() {
        groups.add(ASSET, Map.of("uid", "t#a1", "seq", 1L));
        groups.add(ATTRIBUTE, Map.of("uid", "t#x1", "parent", "t#a1", "seq", 1L));
        groups.add(ASSET, Map.of("uid", "t#a1", "seq", 2L));
        groups.add(ASSET, Map.of("uid", "t#a2", "seq", 1L));

        send();
        assertThat(sent).containsExactly(ASSET + " [t#a1]", ATTRIBUTE + " [t#x1]",
                StatementGroups.unwound(ASSET) + " [t#a1, t#a2]");
    }

    @Test
    void aGroupOfOneGoesAsTheStatementItself() {
        groups.add(ATTRIBUTE, Map.of("uid", "t#x1", "parent", "t#a1", "seq", 1L));

        send();
        assertThat(sent).containsExactly(ATTRIBUTE + " [t#x1]");
    }

    @Test
    void theGroupedFormReadsEachParameterFromItsRow() {
        assertThat(StatementGroups.unwound("MATCH (a:Asset_g2 {uid: $uid}) WHERE a._seq < $seq SET a += $props"))
                .isEqualTo("UNWIND $rows AS _row CALL (_row) {\n"
                        + "MATCH (a:Asset_g2 {uid: _row.uid}) WHERE a._seq < _row.seq SET a += _row.props\n}");
    }

    @Test
    void theCacheOfGroupedFormsStaysBoundedAcrossManyGenerations() {
        for (int generation = 0; generation < 3 * StatementGroups.MAX_CACHED; generation++) {
            String cypher = "MATCH (a:Asset_g" + generation + " {uid: $uid}) SET a.seen = $seq";
            assertThat(StatementGroups.unwound(cypher)).contains("Asset_g" + generation + " {uid: _row.uid}");
            assertThat(StatementGroups.cached()).isLessThanOrEqualTo(StatementGroups.MAX_CACHED);
        }
    }

    @Test
    void aRowTakenBackBeforeItWasSentIsNotSent() {
        groups.add(ASSET, Map.of("uid", "t#a1", "seq", 1L));
        StatementGroups.Row parked = groups.add(ASSET, Map.of("uid", "t#a2", "seq", 1L));
        StatementGroups.Row alone = groups.add(ATTRIBUTE, Map.of("uid", "t#x1", "parent", "t#a1", "seq", 1L));

        groups.remove(parked);
        groups.remove(alone);

        assertThat(groups.waiting(parked)).isFalse();
        assertThat(groups.size()).isEqualTo(1);
        assertThat(send()).isEqualTo(1);
        assertThat(sent).containsExactly(ASSET + " [t#a1]");
    }

    @Test
    void sentRowsAreNoLongerWaitingAndTheGroupsStartAfresh() {
        StatementGroups.Row row = groups.add(ASSET, Map.of("uid", "t#a1", "seq", 1L));
        send();
        groups.add(ASSET, Map.of("uid", "t#a2", "seq", 1L));

        assertThat(groups.waiting(row)).isFalse();
        assertThat(send()).isEqualTo(1);
        assertThat(sent).containsExactly(ASSET + " [t#a1]", ASSET + " [t#a2]");
    }

    @Test
    void aGroupHoldsAtMostItsLimitOfRows() {
        for (int i = 0; i < StatementGroups.MAX_ROWS + 1; i++) {
            groups.add(ASSET, Map.of("uid", "t#a" + i, "seq", 1L));
        }

        assertThat(send()).isEqualTo(StatementGroups.MAX_ROWS + 1);
        assertThat(sent).hasSize(2);
        assertThat(sent.get(1)).isEqualTo(ASSET + " [t#a" + StatementGroups.MAX_ROWS + "]");
    }

    /** Sends the groups, noting each statement as its text and its rows' uids. */
    @SuppressWarnings("unchecked")
    private int send() {
        return groups.sendTo((cypher, params) -> {
            List<Map<String, Object>> rows = params.containsKey("rows")
                    ? (List<Map<String, Object>>) params.get("rows") : List.of(params);
            sent.add(cypher + " " + rows.stream().map(row -> row.get("uid")).toList());
        });
    }
}
