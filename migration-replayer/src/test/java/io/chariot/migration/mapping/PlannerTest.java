package io.chariot.migration.mapping;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chariot.api.asset.AssetEvents.AssetChildDiscovered;
import io.chariot.api.asset.AssetEvents.AssetDiscovered;
import io.chariot.api.asset.AssetEvents.AssetCommentAdded;
import io.chariot.api.asset.AssetEvents.AssetStatusChanged;
import io.chariot.api.asset.AssetEvents.AssetTagsSet;
import io.chariot.api.asset.AssetEvents.AttributeMetadataSet;
import io.chariot.api.risk.RiskEvents.RiskCommentAdded;
import io.chariot.api.risk.RiskEvents.RiskOpened;
import io.chariot.api.risk.RiskEvents.RiskStatusChanged;
import io.chariot.api.risk.RiskEvents.RiskTargetAdded;
import io.chariot.migration.bench.GeneratedExport;
import io.chariot.migration.source.ExportFolder;
import io.chariot.migration.source.Json;
import io.chariot.migration.source.LegacyData;
import io.chariot.migration.source.LegacyEdge;
import io.chariot.migration.source.LegacyRecord;
import io.chariot.migration.store.Importer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class PlannerTest {

    @TempDir
    Path dir;

    @Test
    void theSameDataInAnyOrderMakesTheSamePlan() throws Exception {
        new GeneratedExport(3, 2, 60, 10, true).write(dir);
        LegacyData data = ExportFolder.read(dir);
        ImportPlan first = Planner.plan(data);
        Collections.shuffle(data.records, new Random(1));
        Collections.shuffle(data.edges, new Random(2));
        ImportPlan shuffled = Planner.plan(data);

        assertThat(Importer.planHash(shuffled)).isEqualTo(Importer.planHash(first));
        assertThat(shuffled.quarantine).containsExactlyInAnyOrderElementsOf(first.quarantine);
        assertThat(shuffled.normalised).isEqualTo(first.normalised);
    }

    @Test
    void planningOnEveryCoreMakesTheSamePlanAsPlanningOneRecordAfterAnother() throws Exception {
        new GeneratedExport(5, 3, 150, 20, true).write(dir);
        LegacyData data = ExportFolder.read(dir);
        ImportPlan sequential = Planner.sequential(data);
        ImportPlan parallel = Planner.plan(data);

        assertThat(sequential.units).hasSizeGreaterThan(500);
        assertThat(sequential.quarantine).isNotEmpty();
        assertThat(parallel.units).isEqualTo(sequential.units);
        assertThat(Importer.planHash(parallel)).isEqualTo(Importer.planHash(sequential));
        assertThat(parallel.quarantine).containsExactlyElementsOf(sequential.quarantine);
        assertThat(parallel.normalised).isEqualTo(sequential.normalised);
        assertThat(counts(parallel)).isEqualTo(counts(sequential));
    }

    private static String counts(ImportPlan plan) {
        StringBuilder s = new StringBuilder();
        plan.counts.forEach((type, byTenant) -> byTenant.forEach((tenant, c) -> s.append(type).append(' ')
                .append(tenant).append(' ').append(java.util.Arrays.toString(c)).append('\n')));
        return s.toString();
    }

    @Test
    void anAssetBecomesItsDiscoveryAndEveryHistoryEntryWithTheOriginalActorsAndTimes() {
        LegacyData data = new LegacyData();
        ObjectNode asset = node("owner@t.example", "#asset#EXAMPLE.COM#例え.example");
        asset.put("status", "F");
        asset.put("source", "seed");
        asset.put("created", "2024-01-01T00:00:00Z");
        asset.put("history", "[{\"from\":\"P\",\"to\":\"A\",\"by\":\"portscan\",\"comment\":\"\",\"updated\":"
                + "\"2024-01-02T00:00:00Z\"},{\"from\":\"A\",\"to\":\"F\",\"by\":\"ann@t.example\",\"comment\":"
                + "\"freeze\",\"updated\":\"2024-01-03T00:00:00Z\"}]");
        data.records.add(new LegacyRecord("g:1", "neo4j", "1", List.of("Asset", "Seed"), asset));

        ImportPlan plan = Planner.plan(data);

        ImportUnit unit = plan.units.get(0);
        assertThat(unit.aggregateId()).isEqualTo("owner@t.example#asset#example.com#xn--r8jz45g.example");
        AssetDiscovered discovered = (AssetDiscovered) unit.events().get(0).payload();
        assertThat(discovered.status()).isEqualTo("P");
        assertThat(discovered.source()).isEqualTo("seed");
        assertThat(discovered.ttl()).isZero();
        assertThat(discovered.at()).isEqualTo(Instant.parse("2024-01-01T00:00:00Z"));
        assertThat(unit.events().subList(1, 3)).extracting(d -> (AssetStatusChanged) d.payload())
                .extracting(AssetStatusChanged::from, AssetStatusChanged::to, AssetStatusChanged::by,
                        AssetStatusChanged::comment, AssetStatusChanged::at)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("P", "A", "portscan", "", Instant.parse("2024-01-02T00:00:00Z")),
                        org.assertj.core.groups.Tuple.tuple("A", "F", "ann@t.example", "freeze",
                                Instant.parse("2024-01-03T00:00:00Z")));
        assertThat(plan.normalised).containsKey("asset key normalised (punycode, trimmed or lower-cased)");
    }

    @Test
    void anAssetsHistoryNotesAreImportedInTheirPlaceBetweenItsStatusChangesAndNothingIsReportedLost() {
        LegacyData data = new LegacyData();
        ObjectNode asset = node("owner@t.example", "#asset#example.com#example.com");
        asset.put("status", "F");
        asset.put("created", "2024-01-01T00:00:00Z");
        asset.put("history", "[{\"from\":\"A\",\"to\":\"F\",\"by\":\"ann@t.example\",\"updated\":"
                + "\"2024-01-02T00:00:00Z\"},{\"by\":\"bob@t.example\",\"comment\":\"owned by marketing\","
                + "\"updated\":\"2024-01-03T00:00:00Z\"},{\"by\":\"bob@t.example\",\"updated\":"
                + "\"2024-01-04T00:00:00Z\"}]");
        data.records.add(new LegacyRecord("g:1", "neo4j", "1", List.of("Asset"), asset));

        ImportPlan plan = Planner.plan(data);

        ImportUnit unit = plan.units.get(0);
        assertThat(unit.events()).extracting(d -> d.payload().getClass().getSimpleName())
                .containsExactly("AssetDiscovered", "AssetStatusChanged", "AssetCommentAdded", "AssetCommentAdded");
        assertThat(unit.events().subList(2, 4)).extracting(d -> (AssetCommentAdded) d.payload())
                .extracting(AssetCommentAdded::comment, AssetCommentAdded::by, AssetCommentAdded::at)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("owned by marketing", "bob@t.example",
                                Instant.parse("2024-01-03T00:00:00Z")),
                        org.assertj.core.groups.Tuple.tuple("", "bob@t.example", Instant.parse("2024-01-04T00:00:00Z")));
        assertThat(plan.quarantine).isEmpty();
    }

    @Test
    void aReopenedRiskKeepsEveryChangeAndNoteAndGetsOneTargetPerDistinctEdge() {
        LegacyData data = new LegacyData();
        data.records.add(new LegacyRecord("g:1", "neo4j", "1", List.of("Asset"), assetNode()));
        ObjectNode risk = node("owner@t.example", "#risk#t.example#tls weak cipher");
        risk.put("status", "OH");
        risk.put("created", "2024-01-01T00:00:00Z");
        risk.put("history", "[{\"from\":\"\",\"to\":\"TH\",\"by\":\"nuclei\",\"updated\":\"2024-01-01T00:00:00Z\"},"
                + "{\"from\":\"TH\",\"to\":\"RH\",\"by\":\"ann\",\"updated\":\"2024-01-02T00:00:00Z\"},"
                + "{\"by\":\"ann\",\"comment\":\"fixed?\",\"updated\":\"2024-01-03T00:00:00Z\"},"
                + "{\"from\":\"RH\",\"to\":\"OH\",\"by\":\"nuclei\",\"updated\":\"2024-01-04T00:00:00Z\"}]");
        data.records.add(new LegacyRecord("g:2", "neo4j", "2", List.of("Risk"), risk));
        data.edges.add(new LegacyEdge("g:3", "HAS_VULNERABILITY", "1", "2", "2024-01-01T00:00:00Z", "nuclei"));
        data.edges.add(new LegacyEdge("g:4", "HAS_VULNERABILITY", "1", "2", "2024-01-01T00:00:00Z", "nuclei"));

        ImportPlan plan = Planner.plan(data);

        ImportUnit unit = plan.units.stream().filter(u -> u.aggregateType().equals("Risk")).findFirst().orElseThrow();
        assertThat(unit.aggregateId()).isEqualTo("owner@t.example#risk#t.example#tls-weak-cipher");
        assertThat(unit.events()).extracting(d -> d.payload().getClass().getSimpleName()).containsExactly(
                "RiskOpened", "RiskStatusChanged", "RiskStatusChanged", "RiskCommentAdded", "RiskStatusChanged");
        assertThat(((RiskOpened) unit.events().get(0).payload()).target()).isEqualTo("#asset#t.example#www.t.example");
        assertThat(((RiskStatusChanged) unit.events().get(4).payload()).to()).isEqualTo("OH");
        assertThat(((RiskCommentAdded) unit.events().get(3).payload()).comment()).isEqualTo("fixed?");
        assertThat(unit.events()).noneMatch(d -> d.payload() instanceof RiskTargetAdded);
        assertThat(plan.normalised).containsEntry("duplicate HAS_VULNERABILITY edge collapsed into one", 1L);
    }

    @Test
    void aDiscoveredEdgeBetweenAssetsBecomesAChildDiscoveryInTheParentOnceAndToAMissingAssetIsQuarantined() {
        LegacyData data = new LegacyData();
        data.records.add(new LegacyRecord("g:1", "neo4j", "1", List.of("Asset"), assetNode()));
        ObjectNode child = node("owner@t.example", "#asset#t.example#API.t.example");
        child.put("status", "A");
        child.put("created", "2024-01-05T00:00:00Z");
        data.records.add(new LegacyRecord("g:2", "neo4j", "2", List.of("Asset"), child));
        data.edges.add(new LegacyEdge("g:3", "DISCOVERED", "1", "2", "2024-01-05T00:00:00Z", "subdomain"));
        data.edges.add(new LegacyEdge("g:4", "DISCOVERED", "1", "2", "2024-01-06T00:00:00Z", "subdomain"));
        data.edges.add(new LegacyEdge("g:5", "DISCOVERED", "2", "9", "2024-01-06T00:00:00Z", "subdomain"));

        ImportPlan plan = Planner.plan(data);

        ImportUnit parent = plan.units.stream()
                .filter(u -> u.aggregateId().equals("owner@t.example#asset#t.example#www.t.example"))
                .findFirst().orElseThrow();
        assertThat(parent.events()).extracting(EventDraft::payload).filteredOn(AssetChildDiscovered.class::isInstance)
                .singleElement().isEqualTo(new AssetChildDiscovered("owner@t.example", "#asset#t.example#www.t.example",
                        "#asset#t.example#api.t.example", "subdomain", "subdomain",
                        Instant.parse("2024-01-05T00:00:00Z")));
        assertThat(parent.expected().get(0).fields().get("discovered").toString())
                .isEqualTo("[\"#asset#t.example#api.t.example\"]");
        assertThat(plan.normalised).containsEntry("duplicate DISCOVERED edge collapsed into one", 1L);
        assertThat(plan.quarantine).singleElement().satisfies(q -> {
            assertThat(q.origin()).isEqualTo("g:5");
            assertThat(q.reason()).contains("names node 9, which is not in the export");
        });
    }

    @Test
    void aRecordWhoseHistoryContradictsItsStatusIsQuarantinedWithTheReason() {
        LegacyData data = new LegacyData();
        ObjectNode asset = assetNode();
        asset.put("status", "D");
        data.records.add(new LegacyRecord("g:1", "neo4j", "1", List.of("Asset"), asset));

        ImportPlan plan = Planner.plan(data);

        assertThat(plan.units).isEmpty();
        assertThat(plan.quarantine).singleElement().satisfies(q -> {
            assertThat(q.reason()).isEqualTo("history ends in status A but the record's status is D");
            assertThat(q.origin()).isEqualTo("g:1");
            assertThat(q.partial()).isFalse();
        });
    }

    @Test
    void anAssetsTagsAndAnAttributesMetadataAreImportedAndMetadataThatIsNotAnObjectIsQuarantinedAsAPart() {
        LegacyData data = new LegacyData();
        ObjectNode asset = assetNode();
        asset.putArray("tags").add("prod").add("owned-by-sec");
        data.records.add(new LegacyRecord("g:1", "neo4j", "1", List.of("Asset"), asset));
        data.records.add(new LegacyRecord("g:2", "neo4j", "2", List.of("Attribute"),
                attribute("nginx/1.16", "{\"confidence\": 0.5}")));
        data.records.add(new LegacyRecord("g:3", "neo4j", "3", List.of("Attribute"),
                attribute("nginx/1.17", "[1, 2]")));

        ImportPlan plan = Planner.plan(data);

        ImportUnit unit = plan.units.get(0);
        assertThat(unit.events()).extracting(d -> d.payload().getClass().getSimpleName()).containsExactly(
                "AssetDiscovered", "AssetTagsSet", "AssetStatusChanged", "AttributeAdded", "AttributeMetadataSet",
                "AttributeAdded");
        assertThat(((AssetTagsSet) unit.events().get(1).payload()).tags()).containsExactly("prod", "owned-by-sec");
        AttributeMetadataSet metadata = (AttributeMetadataSet) unit.events().get(4).payload();
        assertThat(metadata.key()).isEqualTo("#attribute#technology#nginx/1.16#asset#t.example#www.t.example");
        assertThat(metadata.metadata()).isEqualTo("{\"confidence\": 0.5}");
        assertThat(unit.expected().get(0).fields().get("tags").toString()).isEqualTo("[\"prod\",\"owned-by-sec\"]");
        assertThat(plan.quarantine).singleElement().satisfies(q -> {
            assertThat(q.partial()).isTrue();
            assertThat(q.origin()).isEqualTo("g:3");
            assertThat(q.reason()).isEqualTo("metadata [1, 2] not imported: not a JSON object");
        });
    }

    private static ObjectNode attribute(String value, String metadata) {
        ObjectNode attribute = node("owner@t.example", "#attribute#technology#" + value
                + "#asset#t.example#www.t.example");
        attribute.put("source", "#asset#t.example#www.t.example");
        attribute.put("name", "technology");
        attribute.put("value", value);
        attribute.put("created", "2024-01-02T00:00:00Z");
        attribute.put("capability", "crawler");
        attribute.put("metadata", metadata);
        return attribute;
    }

    private static ObjectNode assetNode() {
        ObjectNode asset = node("owner@t.example", "#asset#t.example#www.t.example");
        asset.put("status", "A");
        asset.put("created", "2024-01-01T00:00:00Z");
        asset.put("history", "[{\"from\":\"\",\"to\":\"A\",\"by\":\"portscan\",\"updated\":\"2024-01-01T00:00:00Z\"}]");
        return asset;
    }

    private static ObjectNode node(String tenant, String key) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("username", tenant);
        n.put("key", key);
        return n;
    }
}
