package io.chariot.projections.neo4j;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;


import static org.assertj.core.api.Assertions.assertThat;

/**
 * The graph's generations are kept apart by label suffixes rewritten into each statement. Only the statement text is
 * exercised here: the writer never touches its driver for that, so it is given none.
 */
class GraphLabelsTest {

    private static final SequencedGraphWriter LIVE = new SequencedGraphWriter(null, new ObjectMapper());
    private static final SequencedGraphWriter SECOND = LIVE.forGeneration(2);

    @Test
    void theLiveGenerationsLabelsCarryNoSuffixAndALaterOneCarriesItsNumber() {
        assertThat(GraphSchema.labelSuffix(0)).isEmpty();
        assertThat(GraphSchema.labelSuffix(2)).isEqualTo("_g2");
        assertThat(LIVE.label("Asset")).isEqualTo("Asset");
        assertThat(SECOND.label("Asset")).isEqualTo("Asset_g2");
    }

    @Test
    void aStatementForTheLiveGraphIsLeftAsWritten() {
        String statement = "MATCH (a:Asset {uid: $uid})-[:HAS_ATTRIBUTE]->(b:Attribute) RETURN a";

        assertThat(LIVE.cypher(statement)).isSameAs(statement);
    }

    @Test
    void everyLabelOfOursInAStatementIsSuffixedButRelationshipTypesAndParametersAreNot() {
        String statement = "MERGE (a:Asset:WebApplication {uid: $uid}) "
                + "MERGE (r:Risk {uid: $risk})-[:HAS_VULNERABILITY]->(a) SET a.label = $Asset";

        assertThat(SECOND.cypher(statement)).isEqualTo("MERGE (a:Asset_g2:WebApplication_g2 {uid: $uid}) "
                + "MERGE (r:Risk_g2 {uid: $risk})-[:HAS_VULNERABILITY]->(a) SET a.label = $Asset");
    }

    @Test
    void aLabelThatOnlyStartsLikeOneOfOursIsNotRewrittenAndRewritingTwiceChangesNothing() {
        String statement = "MATCH (n:AssetHistory), (p:Port) RETURN n";
        String once = SECOND.cypher(statement);

        assertThat(once).isEqualTo("MATCH (n:AssetHistory), (p:Port_g2) RETURN n");
        assertThat(SECOND.cypher(once)).isEqualTo(once);
    }

    @Test
    void everyLabelANodeIsMergedOrQueriedByIsOneTheGenerationSuffixAppliesTo() {
        assertThat(GraphSchema.ALL_LABELS).containsAll(GraphSchema.LABELS).containsAll(GraphSchema.KIND_LABELS);
    }

    @Test
    void aNodesUidIsItsTenantFollowedByItsKeySoNoTwoTenantsShareANode() {
        assertThat(GraphSchema.uid("t@x.com", "#asset#a.com#1.2.3.4")).isEqualTo("t@x.com#asset#a.com#1.2.3.4");
        assertThat(GraphSchema.uid("a@x.com", "#k")).isNotEqualTo(GraphSchema.uid("b@x.com", "#k"));
    }
}
