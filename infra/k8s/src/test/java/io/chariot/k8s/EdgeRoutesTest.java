package io.chariot.k8s;

import io.fabric8.istio.api.api.security.v1beta1.Rule;
import io.fabric8.istio.api.security.v1.AuthorizationPolicy;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The chart agrees with the edge router (services/edge/): the edge is told where every service it routes to is, and every
 * path it routes to a service is one the mesh lets it call there. The route table is read from the edge's source
 * (its {@code ChariotService} enum; the edge is a Spring Boot fat jar, no library to depend on).
 */
class EdgeRoutesTest {

    private static final Path ROUTE_TABLE = Path.of(System.getProperty("chariot.root"),
            "services/edge/src/main/java/io/chariot/edge/routing/ChariotService.java");
    private static final Pattern SERVICE = Pattern.compile("^\\s+[A-Z]+\\(\"([a-z]+)\"((?:,\\s*\"[^\"]+\")*)\\)[,;]",
            Pattern.MULTILINE);
    private static final String EDGE = "cluster.local/ns/chariot/sa/chariot-edge";

    /** service id → the path patterns the edge sends it. */
    private static final Map<String, List<String>> routes = new LinkedHashMap<>();

    @BeforeAll
    static void readTheEdgesRouteTable() throws IOException {
        Matcher service = SERVICE.matcher(Files.readString(ROUTE_TABLE));
        while (service.find()) {
            routes.put(service.group(1), Arrays.stream(service.group(2).split(","))
                    .map(p -> p.strip().replace("\"", "")).filter(p -> !p.isEmpty()).toList());
        }
        assertThat(routes).as("services read from " + ROUTE_TABLE).hasSizeGreaterThanOrEqualTo(8)
                .allSatisfy((id, paths) -> assertThat(paths).as(id).isNotEmpty());
    }

    @Test
    void theEdgeIsToldTheServiceUrlOfEveryServiceItRoutesTo() {
        Deployment edge = Chart.renderProduction().of(Deployment.class, "edge");
        Map<String, String> told = edge.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream()
                .filter(e -> e.getName().startsWith("CHARIOT_EDGE_SERVICES_"))
                .collect(Collectors.toMap(EnvVar::getName, EnvVar::getValue));
        assertThat(told.keySet()).containsExactlyInAnyOrderElementsOf(
                routes.keySet().stream().map(id -> "CHARIOT_EDGE_SERVICES_" + id.toUpperCase()).toList());
        routes.keySet().forEach(id -> {
            assertThat(Chart.SERVICES).contains(id);
            assertThat(told).containsEntry("CHARIOT_EDGE_SERVICES_" + id.toUpperCase(), "http://chariot-" + id + ":8080");
        });
    }

    @Test
    void everyPathTheEdgeRoutesToAServiceIsOneTheMeshLetsTheEdgeCallThere() {
        Chart.Rendering rendering = Chart.renderProduction();
        routes.forEach((id, patterns) -> {
            List<Rule> fromEdge = rendering.of(AuthorizationPolicy.class, id).getSpec().getRules().stream()
                    .filter(r -> r.getFrom().stream().anyMatch(f -> f.getSource().getPrincipals().contains(EDGE)))
                    .toList();
            for (String pattern : patterns) {
                // "/x/**" also matches "/x" (the edge's rule): both must be allowed.
                List<String> requests = pattern.endsWith("/**")
                        ? List.of(pattern.substring(0, pattern.length() - 3),
                        pattern.substring(0, pattern.length() - 2) + "some/thing")
                        : List.of(pattern);
                for (String request : requests) {
                    assertThat(fromEdge).as(id + " allows the edge " + request)
                            .anyMatch(rule -> allows(rule, request));
                }
            }
        });
    }

    /** Istio's path match: exact, or a prefix when the pattern ends in "*"; no paths: every path. */
    private static boolean allows(Rule rule, String path) {
        return rule.getTo().stream().map(t -> t.getOperation()).anyMatch(operation -> operation.getPorts()
                .contains("8080") && (operation.getPaths() == null || operation.getPaths().isEmpty()
                || operation.getPaths().stream().anyMatch(p -> p.endsWith("*")
                ? path.startsWith(p.substring(0, p.length() - 1)) : path.equals(p))));
    }
}
