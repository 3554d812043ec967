package io.chariot.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import io.fabric8.kubernetes.api.model.HasMetadata;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The chart under infra/k8s/chart/chariot, linted and rendered by Helm's own code (helm-java: Helm's Go library,
 * loaded from the class path) exactly as {@code helm lint --strict} and {@code helm template} would.
 */
final class Chart {

    static final Path DIRECTORY = Path.of("chart", "chariot");
    static final Path DEFAULT_VALUES = DIRECTORY.resolve("values.yaml");
    static final Path PRODUCTION_VALUES = DIRECTORY.resolve("values-production.yaml");
    static final String RELEASE = "chariot";
    static final String NAMESPACE = "chariot";

    /** The chart's services, from values.yaml: every one must have its objects. */
    static final List<String> SERVICES = List.of("account", "asset", "edge", "file", "job", "projections", "query",
            "risk", "sagas");

    private Chart() {
    }

    /** The renderings the tests only read, made once per test run (a failed one is not kept: each test fails). */
    private static final Map<String, Rendering> SHARED = new ConcurrentHashMap<>();

    static Rendering renderDefault() {
        return SHARED.computeIfAbsent("default", v -> render(Map.of()));
    }

    static Rendering renderProduction() {
        return SHARED.computeIfAbsent("production", v -> render(Map.of(), PRODUCTION_VALUES));
    }

    /** helm template with values.yaml, then the given files, then the --set values. */
    static Rendering render(Map<String, Object> sets, Path... valuesFiles) {
        return new Rendering(KnownKinds.CHART, template(sets, valuesFiles));
    }

    static String template(Map<String, Object> sets, Path... valuesFiles) {
        TemplateCommand template = new Helm(DIRECTORY).template().withName(RELEASE).withNamespace(NAMESPACE);
        for (Path file : valuesFiles) {
            template = template.withValuesFile(file.toAbsolutePath());
        }
        for (Map.Entry<String, Object> set : sets.entrySet()) {
            template = template.set(set.getKey(), set.getValue());
        }
        return template.call();
    }

    /**
     * helm lint --strict of the chart with its values.yaml, or with values.yaml and other values files over it: lint
     * takes no values file, so it lints a copy of the chart whose values.yaml is the files merged as Helm merges them.
     */
    static LintResult lint(Path... valuesFiles) throws IOException {
        if (valuesFiles.length == 0) {
            return new Helm(DIRECTORY).lint().strict().call();
        }
        Path folder = Files.createTempDirectory("chariot-chart-");
        try {
            Path copy = folder.resolve("chariot");
            copyTree(DIRECTORY, copy);
            JsonNode values = StrictYaml.MAPPER.readTree(DEFAULT_VALUES.toFile());
            for (Path file : valuesFiles) {
                values = StrictYaml.merge(values, StrictYaml.MAPPER.readTree(file.toFile()));
            }
            StrictYaml.MAPPER.writeValue(copy.resolve("values.yaml").toFile(), values);
            return new Helm(copy).lint().strict().call();
        } finally {
            try (Stream<Path> paths = Files.walk(folder)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            paths.forEach(source -> {
                try {
                    Path target = to.resolve(from.relativize(source).toString());
                    if (Files.isDirectory(source)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(source, target);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    /** One rendering's objects, each of its typed model. */
    record Rendering(List<Object> objects) {

        Rendering(Map<String, Class<?>> models, String yaml) {
            this(parse(models, yaml));
        }

        private static List<Object> parse(Map<String, Class<?>> models, String yaml) {
            try {
                return KnownKinds.parse(yaml, models);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        <T> List<T> all(Class<T> kind) {
            return objects.stream().filter(kind::isInstance).map(kind::cast).toList();
        }

        /** The object of that kind whose name is the service's (chariot-asset, …). */
        <T extends HasMetadata> T of(Class<T> kind, String service) {
            String name = RELEASE + "-" + service;
            return all(kind).stream().filter(o -> o.getMetadata().getName().equals(name)).findFirst()
                    .orElseThrow(() -> new AssertionError("no " + kind.getSimpleName() + " " + name));
        }
    }
}
