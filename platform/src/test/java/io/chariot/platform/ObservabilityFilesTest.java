package io.chariot.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The alert rules and dashboards are files Prometheus and Grafana load as they are: every expression parses with
 * Prometheus' grammar, every dashboard is valid against the schema of its version, every rule has a runbook that
 * exists. Whether the metrics they name exist: MetricsCatalogueIT.
 */
class ObservabilityFilesTest {

    @Test
    void everyRuleAndPanelExpressionParsesWithPrometheusGrammar() throws Exception {
        var expressions = ObservabilityFiles.expressions();
        assertThat(expressions).hasSizeGreaterThan(40);
        var parsed = ObservabilityFiles.parse(expressions);
        assertThat(parsed).hasSameSizeAs(expressions)
                .allSatisfy(p -> assertThat(p.errors()).as("%s: %s", p.source(), p.expr()).isEmpty())
                .allSatisfy(p -> assertThat(p.metrics()).as("%s names no metric", p.source()).isNotEmpty());
    }

    @Test
    void theGrammarCheckFindsABrokenExpression() throws Exception {
        var parsed = ObservabilityFiles.parse(List.of(
                new ObservabilityFiles.Expression("broken", "sum(rate(http_server_requests_seconds_count[5m])"),
                new ObservabilityFiles.Expression("unknown function", "ratee(up[5m])")));
        assertThat(parsed).allSatisfy(p -> assertThat(p.errors()).as(p.source()).isNotEmpty());
    }

    @Test
    void everyDashboardIsValidAgainstTheSchemaOfItsVersionAndProvisioningReady() throws Exception {
        var schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(Files.readString(ObservabilityFiles.DIR.resolve("grafana/dashboard.schema.json")));
        Set<String> uids = new HashSet<>();
        List<Path> files = ObservabilityFiles.dashboardFiles();
        assertThat(files).extracting(f -> f.getFileName().toString()).containsExactlyInAnyOrder(
                "chariot-overview.json", "chariot-service.json", "chariot-projections.json", "chariot-sagas.json");
        for (Path file : files) {
            JsonNode dashboard = ObservabilityFiles.read(file);
            assertThat(schema.validate(dashboard)).as(file.toString()).isEmpty();
            assertThat(uids.add(dashboard.path("uid").asText())).as("unique uid in " + file).isTrue();
            // No "id": provisioning assigns one; a fixed one collides between Grafana instances.
            assertThat(dashboard.has("id")).as("dashboard id in " + file).isFalse();
            Set<Integer> panelIds = new HashSet<>();
            dashboard.path("panels").forEach(p -> assertThat(panelIds.add(p.path("id").asInt()))
                    .as("unique panel id %s in %s", p.path("id"), file).isTrue());
        }
    }

    @Test
    void theSchemaRejectsADashboardOfAnotherVersion() throws Exception {
        var schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(Files.readString(ObservabilityFiles.DIR.resolve("grafana/dashboard.schema.json")));
        var dashboard = (com.fasterxml.jackson.databind.node.ObjectNode) ObservabilityFiles.read(
                ObservabilityFiles.DASHBOARDS.resolve("chariot-overview.json"));
        dashboard.put("schemaVersion", 16);
        ((com.fasterxml.jackson.databind.node.ObjectNode) dashboard.path("panels").get(0)).remove("gridPos");
        assertThat(schema.validate(dashboard)).hasSizeGreaterThanOrEqualTo(2);
    }

    @Test
    void thePlansAlertsAreAllThereEachWithSeverityDurationAndARunbookInOperationsMd() throws Exception {
        var rules = ObservabilityFiles.alertRules();
        assertThat(rules).extracting(r -> r.get("alert")).contains("ChariotServiceDown", "ChariotHighErrorRate",
                "ChariotHighLatencyP99", "ChariotHighCpu", "ChariotHighMemory", "ChariotDiskAlmostFull",
                "ChariotProcessingLagHigh", "ChariotParkedEventsHigh");
        Set<String> anchors = anchors(Files.readString(ObservabilityFiles.OPERATIONS));
        for (Map<String, Object> rule : rules) {
            @SuppressWarnings("unchecked")
            var labels = (Map<String, Object>) rule.get("labels");
            @SuppressWarnings("unchecked")
            var annotations = (Map<String, Object>) rule.get("annotations");
            assertThat(labels.get("severity")).as(rule.get("alert") + " severity").isIn("critical", "warning");
            assertThat(String.valueOf(rule.get("for"))).as(rule.get("alert") + " for").matches("\\d+[smh]");
            String runbook = String.valueOf(annotations.get("runbook_url"));
            assertThat(runbook).as(rule.get("alert") + " runbook").startsWith("docs/operations.md#");
            assertThat(anchors).as("heading for " + runbook).contains(runbook.substring(runbook.indexOf('#') + 1));
        }
    }

    /** The anchors GitHub and most Markdown renderers give headings: lower case, punctuation dropped, spaces to -. */
    static Set<String> anchors(String markdown) {
        Set<String> anchors = new HashSet<>();
        for (String line : markdown.split("\n")) {
            if (line.startsWith("#")) {
                String text = line.replaceFirst("^#+\\s*", "").trim().toLowerCase(Locale.ROOT);
                anchors.add(Pattern.compile("[^a-z0-9 _-]").matcher(text).replaceAll("").replace(' ', '-'));
            }
        }
        return anchors;
    }
}
