package io.chariot.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The alert rules and dashboards of {@code infra/observability}, read as Prometheus and Grafana read them, and
 * their PromQL parsed by Prometheus' own grammar ({@code @prometheus-io/lezer-promql}, run with Node.js by
 * {@code infra/observability/promql/check.mjs}; {@code npm ci} installs it in the build).
 */
final class ObservabilityFiles {

    static final Path ROOT = Path.of(System.getProperty("chariot.root", "..")).toAbsolutePath().normalize();
    static final Path DIR = ROOT.resolve("infra/observability");
    static final Path RULES = DIR.resolve("prometheus/chariot-alerts.yml");
    static final Path DASHBOARDS = DIR.resolve("grafana/dashboards");
    static final Path OPERATIONS = ROOT.resolve("docs/operations.md");
    private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\(\\s*([a-zA-Z_:][a-zA-Z0-9_:]*)");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One PromQL expression and where it comes from. */
    record Expression(String source, String expr) {
    }

    /** An expression as the grammar saw it. */
    record Parsed(String source, String expr, List<String> errors, List<String> metrics) {
    }

    private ObservabilityFiles() {
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> alertRules() throws IOException {
        Map<String, Object> file = new Yaml().load(Files.readString(RULES));
        List<Map<String, Object>> rules = new ArrayList<>();
        for (Map<String, Object> group : (List<Map<String, Object>>) file.get("groups")) {
            rules.addAll((List<Map<String, Object>>) group.get("rules"));
        }
        return rules;
    }

    static List<Path> dashboardFiles() throws IOException {
        try (Stream<Path> files = Files.list(DASHBOARDS)) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        }
    }

    static JsonNode read(Path json) throws IOException {
        return JSON.readTree(json.toFile());
    }

    /** Every PromQL expression of the rules and the dashboard panels. */
    static List<Expression> expressions() throws IOException {
        List<Expression> all = new ArrayList<>();
        for (var rule : alertRules()) {
            all.add(new Expression(RULES.getFileName() + " " + rule.get("alert"), String.valueOf(rule.get("expr"))));
        }
        for (Path file : dashboardFiles()) {
            for (JsonNode panel : read(file).path("panels")) {
                for (JsonNode target : panel.path("targets")) {
                    all.add(new Expression(file.getFileName() + " panel \"" + panel.path("title").asText() + "\" "
                            + target.path("refId").asText(), target.path("expr").asText()));
                }
            }
        }
        return all;
    }

    /** Metrics named by the dashboards' template variables ({@code label_values(metric, label)}, not PromQL). */
    static TreeSet<String> variableMetrics() throws IOException {
        TreeSet<String> metrics = new TreeSet<>();
        for (Path file : dashboardFiles()) {
            for (JsonNode variable : read(file).path("templating").path("list")) {
                Matcher m = LABEL_VALUES.matcher(variable.path("definition").asText());
                while (m.find()) {
                    metrics.add(m.group(1));
                }
            }
        }
        return metrics;
    }

    /** Parses every expression with Prometheus' grammar. */
    static List<Parsed> parse(List<Expression> expressions) throws IOException, InterruptedException {
        Path script = DIR.resolve("promql/check.mjs");
        if (!Files.isDirectory(DIR.resolve("promql/node_modules/@prometheus-io/lezer-promql"))) {
            throw new IllegalStateException("the PromQL grammar is not installed: run npm ci in " + script.getParent());
        }
        Process node = new ProcessBuilder("node", script.toString()).directory(script.getParent().toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try (var in = node.getOutputStream()) {
            in.write(JSON.writeValueAsBytes(expressions));
        }
        String out = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!node.waitFor(60, TimeUnit.SECONDS) || node.exitValue() != 0) {
            throw new IllegalStateException("node " + script + " failed: " + out);
        }
        List<Parsed> parsed = new ArrayList<>();
        for (JsonNode entry : (ArrayNode) JSON.readTree(out)) {
            List<String> errors = new ArrayList<>();
            entry.path("errors").forEach(e -> errors.add(e.asText()));
            List<String> metrics = new ArrayList<>();
            entry.path("metrics").forEach(m -> metrics.add(m.asText()));
            parsed.add(new Parsed(entry.path("source").asText(), entry.path("expr").asText(), errors, metrics));
        }
        return parsed;
    }
}
