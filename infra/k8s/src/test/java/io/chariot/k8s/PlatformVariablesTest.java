package io.chariot.k8s;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every CHARIOT_* variable the chart sets is one the applications read: a placeholder in one of the modules'
 * application YAML files (the variables that would not relax-bind, e.g. CHARIOT_JWT_SECRET), or Spring's relaxed
 * binding of a {@code @ConfigurationProperties} record's component (CHARIOT_NEO4J_USER → chariot.neo4j.user). Read
 * from the modules' sources, so a misspelt or renamed variable fails here rather than in a cluster.
 */
class PlatformVariablesTest {

    private static final Path ROOT = Path.of(System.getProperty("chariot.root"));
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{(CHARIOT_[A-Z0-9_]+)[:}]");
    private static final Pattern PROPERTIES = Pattern.compile(
            "@ConfigurationProperties\\(\"([a-z0-9.-]+)\"\\)\\s*(?:public\\s+)?record\\s+\\w+\\s*\\((.*?)\\)\\s*(?:implements[^{]*)?\\{",
            Pattern.DOTALL);

    private static final Set<String> placeholders = new HashSet<>();
    /** property prefix → its record's components, lower case without dashes. */
    private static final Map<String, Set<String>> records = new HashMap<>();

    @BeforeAll
    static void readTheModulesSources() throws IOException {
        List<Path> sources = new ArrayList<>();
        Files.walkFileTree(ROOT, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path directory, BasicFileAttributes attributes) {
                String name = directory.getFileName() == null ? "" : directory.getFileName().toString();
                return Set.of("target", "node_modules", ".git", ".chariot").contains(name)
                        ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                if (isMainSource(file)) {
                    sources.add(file);
                }
                return FileVisitResult.CONTINUE;
            }
        });
        for (Path file : sources) {
            String text = Files.readString(file);
            Matcher found = (file.toString().endsWith(".java") ? PROPERTIES : PLACEHOLDER).matcher(text);
            while (found.find()) {
                if (found.pattern() == PROPERTIES) {
                    records.computeIfAbsent(found.group(1), p -> new HashSet<>()).addAll(components(found.group(2)));
                } else {
                    placeholders.add(found.group(1));
                }
            }
        }
        assertThat(placeholders).as("placeholders read").contains("CHARIOT_JWT_SECRET", "CHARIOT_POSTGRES_URL");
        assertThat(records).as("records read").containsKeys("chariot.neo4j", "chariot.redis", "chariot.secrets");
    }

    private static boolean isMainSource(Path file) {
        String path = ROOT.relativize(file).toString().replace('\\', '/');
        return (path.contains("/src/main/java/") && path.endsWith(".java"))
                || (path.contains("/src/main/resources/") && (path.endsWith(".yml") || path.endsWith(".yaml")));
    }

    /** A record header's component names: annotations and generics removed, the name before each comma. */
    private static List<String> components(String header) {
        String plain = header.replaceAll("@\\w+(\\([^)]*\\))?", "").replaceAll("<[^<>]*>", "");
        List<String> names = new ArrayList<>();
        for (String component : plain.split(",")) {
            String[] words = component.strip().split("\\s+");
            names.add(words[words.length - 1].toLowerCase());
        }
        return names;
    }

    /** CHARIOT_A_B_C: chariot.a with component "bc", or chariot.a.b with "c", … — Spring's relaxed binding. */
    private static boolean relaxBinds(String variable) {
        String[] parts = variable.toLowerCase().split("_");
        for (int split = 2; split < parts.length; split++) {
            String prefix = String.join(".", List.of(parts).subList(0, split));
            String component = String.join("", List.of(parts).subList(split, parts.length));
            if (records.getOrDefault(prefix, Set.of()).contains(component)) {
                return true;
            }
        }
        return false;
    }

    @Test
    void everyChariotVariableTheChartSetsIsOneTheApplicationsRead() {
        Chart.Rendering production = Chart.renderProduction();
        Set<String> variables = new TreeSet<>();
        production.all(ConfigMap.class).forEach(c -> variables.addAll(c.getData().keySet()));
        production.all(Deployment.class).forEach(d -> d.getSpec().getTemplate().getSpec().getContainers()
                .forEach(c -> c.getEnv().stream().map(EnvVar::getName).forEach(variables::add)));
        // The edge's map of service URLs: EdgeRoutesTest holds it against the edge's route table.
        variables.removeIf(v -> !v.startsWith("CHARIOT_") || v.startsWith("CHARIOT_EDGE_SERVICES_"));
        assertThat(variables).contains("CHARIOT_POSTGRES_URL", "CHARIOT_JWT_SECRET", "CHARIOT_SECRETS_KEY");
        assertThat(variables).allSatisfy(v -> assertThat(placeholders.contains(v) || relaxBinds(v))
                .as(v + " is read by no application (no ${" + v + "} placeholder, no record it relax-binds to)")
                .isTrue());
    }

    @Test
    void aVariableNoApplicationReadsIsRecognisedAsSuch() {
        assertThat(relaxBinds("CHARIOT_NEO4J_USER")).isTrue();
        assertThat(relaxBinds("CHARIOT_NEO4J_USERNAME")).isFalse();
        assertThat(placeholders.contains("CHARIOT_KAFKA_BOOTSTRAP_SERVERS") || relaxBinds("CHARIOT_KAFKA_BOOTSTRAP_SERVERS"))
                .isFalse();
    }
}
