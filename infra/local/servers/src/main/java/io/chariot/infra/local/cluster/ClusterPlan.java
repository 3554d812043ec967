package io.chariot.infra.local.cluster;

import io.chariot.infra.local.servers.Ports;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Which processes a local distributed cluster runs: every service (the folders under {@code services/}) with its
 * instance count, each on its own loopback HTTP port and its own command-routing (JGroups) port, and the edge.
 */
record ClusterPlan(List<Instance> instances, int edgePort, Path edgeJar) {

    /** The services, in the order they are started and listed; the edge comes last. */
    static final List<String> SERVICES = List.of("account", "asset", "risk", "job", "file", "query", "projections",
            "sagas");

    record Instance(String service, int index, Path jar, int httpPort, int routingPort) {
        String name() {
            return service + "-" + index;
        }

        String url() {
            return "http://127.0.0.1:" + httpPort;
        }
    }

    /**
     * @param root      the project root (where {@code services/<name>/target/chariot-<name>-service.jar} lie)
     * @param counts    instances per service; a service not named runs once, 0 leaves it out
     * @param edgePort  the port clients use
     */
    static ClusterPlan of(Path root, Map<String, Integer> counts, int edgePort) {
        for (String named : counts.keySet()) {
            if (!SERVICES.contains(named)) {
                throw new IllegalArgumentException("unknown service '" + named + "' (one of "
                        + String.join(", ", SERVICES) + ")");
            }
        }
        List<Instance> instances = new ArrayList<>();
        for (String service : SERVICES) {
            int count = counts.getOrDefault(service, 1);
            if (count < 0 || count > 8) {
                throw new IllegalArgumentException(service + ": from 0 to 8 instances, not " + count);
            }
            Path jar = jar(root, service);
            for (int i = 1; i <= count; i++) {
                instances.add(new Instance(service, i, jar, Ports.free(), Ports.free()));
            }
        }
        return new ClusterPlan(List.copyOf(instances), edgePort, jar(root, "edge"));
    }

    /** {@code asset=2,projections=2} → a map; empty text → no counts. */
    static Map<String, Integer> counts(String text) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        if (text == null || text.isBlank()) {
            return counts;
        }
        for (String part : text.split(",")) {
            String[] kv = part.trim().split("=", 2);
            try {
                counts.put(kv[0].trim(), Integer.parseInt(kv.length == 2 ? kv[1].trim() : ""));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--instances takes SERVICE=COUNT,…, not '" + part.trim() + "'");
            }
        }
        return counts;
    }

    static Path jar(Path root, String service) {
        Path jar = root.resolve("services").resolve(service).resolve("target")
                .resolve("chariot-" + service + "-service.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalArgumentException("no jar for the " + service + " service at " + jar
                    + " (build with ./mvnw -DskipTests install)");
        }
        return jar;
    }

    /** The command-routing members' addresses: every instance's JGroups port. */
    String routingHosts() {
        return instances.stream().map(i -> "127.0.0.1:" + i.routingPort()).collect(Collectors.joining(","));
    }

    /** The edge's {@code CHARIOT_EDGE_SERVICES_*} variables: each service's instance URLs. */
    Map<String, String> edgeEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        for (Instance i : instances) {
            env.merge("CHARIOT_EDGE_SERVICES_" + i.service().toUpperCase(), i.url(), (a, b) -> a + "," + b);
        }
        return env;
    }
}
