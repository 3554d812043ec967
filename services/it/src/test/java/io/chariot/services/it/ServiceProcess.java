package io.chariot.services.it;

import io.chariot.infra.local.StackEndpoints;
import io.chariot.infra.local.servers.Ports;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * One service as its own process: {@code java -jar} on the jar its image is made of, configured only by the
 * environment a container would get (the stack's {@code CHARIOT_*} endpoints, the shared JWT secret, the bootstrap
 * key), on a free loopback port, its output in {@code target/services/<name>.log}.
 */
final class ServiceProcess implements AutoCloseable {

    private final String name;
    private final Process process;
    private final Path log;
    private final Http http;
    /** Ends the service if the test JVM ends first (a cancelled build), so no service outlives the run. */
    private final Thread reaper;

    private ServiceProcess(String name, Process process, Path log, int port) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.http = new Http("http://127.0.0.1:" + port);
        this.reaper = new Thread(process::destroyForcibly, "reap-" + name);
        Runtime.getRuntime().addShutdownHook(reaper);
    }

    static ServiceProcess start(String name, Path jar, StackEndpoints stack, Map<String, String> settings)
            throws IOException {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no jar for the " + name + " service at " + jar + " (package it first)");
        }
        int port = Ports.free();
        Path log = Path.of("target", "services", name + ".log");
        Files.createDirectories(log.getParent());
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // start-up speed on two shared cores; the image's own JVM options are for a container
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx384m", "-Xss1m",
                "-Ddisable-axoniq-console-message=true", "-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(stack.toEnvironment());
        builder.environment().putAll(settings);
        builder.environment().put("CHARIOT_PORT", Integer.toString(port));
        builder.environment().put("AXONIQ_UPDATE_CHECKER_DISABLED", "true");
        return new ServiceProcess(name, builder.start(), log, port);
    }

    /** Waits until {@code /actuator/health/readiness} answers UP (every store reachable); fails if the process ends. */
    ServiceProcess awaitReady(Duration within) {
        await(name + " ready").atMost(within).pollInterval(Duration.ofMillis(500)).until(() -> {
            if (!process.isAlive()) {
                throw new AssertionError("the " + name + " service ended with " + process.exitValue()
                        + " before it was ready:\n" + tail());
            }
            try {
                var response = http.get("/actuator/health/readiness", Map.of());
                return response.statusCode() == 200 && response.body().contains("\"UP\"");
            } catch (IOException notListeningYet) {
                return false;
            }
        });
        return this;
    }

    /** This service's HTTP API on its own loopback port. */
    Http http() {
        return http;
    }

    String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** SIGTERM (a graceful shutdown, as Kubernetes stops a pod), then SIGKILL if it lingers. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        Runtime.getRuntime().removeShutdownHook(reaper);
    }

}
