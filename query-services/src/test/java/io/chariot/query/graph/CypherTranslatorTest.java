package io.chariot.query.graph;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.chariot.api.rejection.Rejected;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CypherTranslatorTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static CypherTranslator.Statement translate(String body) throws Exception {
        return CypherTranslator.translate(JSON.readValue(body, GraphQuery.class), "alice@example.com");
    }

    @Test
    void everyNodeIsScopedToTheCallersTenantThroughAParameter() throws Exception {
        var statement = translate("""
                {"node":{"labels":["Risk"],"relationships":[{"label":"HAS_VULNERABILITY","source":{"labels":["Asset"]}}]}}""");
        assertThat(statement.cypher()).contains("n0.username = $tenant").contains("n1.username = $tenant");
        assertThat(statement.params()).containsEntry("tenant", "alice@example.com");
    }

    @Test
    void filterValuesAndSearchTextNeverAppearInTheQueryText() throws Exception {
        String hostile = "x' }) MATCH (n) DETACH DELETE n //";
        var statement = translate("""
                {"node":{"labels":["Asset"],"search":"%s","filters":[{"field":"name","operator":"CONTAINS","value":"%s"}]}}"""
                .formatted(hostile, hostile));
        assertThat(statement.cypher()).doesNotContain("DETACH").doesNotContain(hostile);
        assertThat(statement.params()).containsValue(hostile).containsValue(hostile.toLowerCase());
    }

    @Test
    void labelsFieldsAndRelationshipTypesMustBePlainIdentifiers() {
        assertThatThrownBy(() -> translate("{\"node\":{\"labels\":[\"Asset` MATCH (m\"]}}"))
                .isInstanceOf(Rejected.class).hasMessageContaining("label");
        assertThatThrownBy(() -> translate(
                "{\"node\":{\"filters\":[{\"field\":\"a.b\",\"operator\":\"=\",\"value\":1}]}}"))
                .isInstanceOf(Rejected.class).hasMessageContaining("filter field");
        assertThatThrownBy(() -> translate(
                "{\"node\":{\"relationships\":[{\"label\":\"X]->() DELETE n//\",\"target\":{}}]}}"))
                .isInstanceOf(Rejected.class).hasMessageContaining("relationship label");
        assertThatThrownBy(() -> translate("{\"node\":{},\"orderBy\":\"name DESC, n.key\"}"))
                .isInstanceOf(Rejected.class).hasMessageContaining("orderBy");
    }

    @Test
    void aListValueIsOredAndNotNegates() throws Exception {
        var statement = translate("""
                {"node":{"filters":[{"field":"status","operator":"STARTS WITH","value":["A","P"],"not":true}]}}""");
        assertThat(statement.cypher()).contains("NOT (n0.`status` STARTS WITH $p1 OR n0.`status` STARTS WITH $p2)");
    }

    @Test
    void relationshipsTranslateToNestedExistsSubqueriesInBothDirections() throws Exception {
        var statement = translate("""
                {"node":{"labels":["Attribute"],"relationships":[{"label":"HAS_ATTRIBUTE","source":{"labels":["Asset"],
                 "relationships":[{"label":["HAS_PORT"],"target":{"labels":["Port"]},"length":2}]}}]}}""");
        assertThat(statement.cypher())
                .contains("EXISTS { MATCH (n0)<-[:HAS_ATTRIBUTE]-(n1:Asset)")
                .contains("EXISTS { MATCH (n1)-[:HAS_PORT*1..2]->(n2:Port)");
    }

    @Test
    void aRelationshipNeedsExactlyOneOfSourceOrTarget() {
        assertThatThrownBy(() -> translate("{\"node\":{\"relationships\":[{\"label\":\"X\"}]}}"))
                .isInstanceOf(Rejected.class).hasMessageContaining("exactly one of source or target");
    }

    @Test
    void pagingFetchesOneRowMoreThanTheLimitToKnowWhetherMoreRemain() throws Exception {
        var statement = translate("{\"node\":{},\"limit\":50,\"page\":3}");
        assertThat(statement.params()).containsEntry("skip", 150L).containsEntry("limit", 51L);
    }

    @Test
    void likeBecomesACaseInsensitiveRegexWithEverythingElseLiteral() {
        assertThat("WWW.Example.com".matches(CypherTranslator.likeToRegex("www.%.com"))).isTrue();
        assertThat("wwwXexample.com".matches(CypherTranslator.likeToRegex("www.%.com"))).isFalse();
        assertThat("a1".matches(CypherTranslator.likeToRegex("a_"))).isTrue();
    }

    @Test
    void aQueryIsBoundedInFiltersValuesAndValueLength() {
        String manyValues = "[" + "\"v\",".repeat(CypherTranslator.MAX_VALUES) + "\"v\"]";
        assertThatThrownBy(() -> translate("{\"node\":{\"filters\":[{\"field\":\"name\",\"operator\":\"IN\","
                + "\"value\":" + manyValues + "}]}}")).isInstanceOf(Rejected.class)
                .hasMessageContaining("more than 100 values");
        String longValue = "a".repeat(CypherTranslator.MAX_VALUE_BYTES + 1);
        assertThatThrownBy(() -> translate("{\"node\":{\"filters\":[{\"field\":\"name\",\"operator\":\"LIKE\","
                + "\"value\":\"" + longValue + "\"}]}}")).hasMessageContaining("longer than 1024 bytes");
        assertThatThrownBy(() -> translate("{\"node\":{\"search\":\"" + longValue + "\"}}"))
                .hasMessageContaining("search");
        String filter = "{\"field\":\"name\",\"operator\":\"=\",\"value\":\"x\"}";
        String manyFilters = "[" + (filter + ",").repeat(CypherTranslator.MAX_FILTERS) + filter + "]";
        assertThatThrownBy(() -> translate("{\"node\":{\"filters\":" + manyFilters + "}}"))
                .hasMessageContaining("at most 50 filters");
        // nested AND/OR filters count too
        String nested = "[{\"operator\":\"OR\",\"value\":" + manyFilters + "}]";
        assertThatThrownBy(() -> translate("{\"node\":{\"filters\":" + nested + "}}"))
                .hasMessageContaining("at most 50 filters");
    }

    @Test
    void likePatternsQuoteTheirLiteralRunsWhole() {
        assertThat(CypherTranslator.likeToRegex("a.b%c_d")).isEqualTo("(?is)\\Qa.b\\E.*\\Qc\\E.\\Qd\\E");
    }
}
