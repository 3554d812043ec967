package io.chariot.faults;

import io.chariot.infra.local.StackEndpoints;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;

/**
 * The platform's repackaged jar run as {@code ./chariot up} runs it, one JVM per instance, against a stack's
 * endpoints; its logs under {@code logs/<name>.log} of the work dir.
 */
final class PlatformProcess implements AutoCloseable {

    static final String KEY_ID = "faults-key";
    static final String KEY_SECRET = "faults-secret-0123456789";
    private static final String JWT_SECRET = "faults-jwt-secret-0123456789abcdef0123456789";

    private final String name;
    private final int port;
    private final Path log;
    private final Process process;

    private PlatformProcess(String name, int port, Path log, Process process) {
        this.name = name;
        this.port = port;
        this.log = log;
        this.process = process;
    }

    /**
     * C1 only and a small heap: several instances share two cores with the stack (start-up over peak speed).
     */
    static final List<String> SMALL_JVM = List.of("-Xmx768m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

    /**
     * Starts the platform on {@code port} with {@code jvmOptions} and {@code arguments} (Spring properties as
     * {@code --name=value}); the tenant is the operator, and with {@code bootstrap} the instance issues the tenant's
     * API key ({@link #KEY_ID}) unless it exists.
     */
    static PlatformProcess start(String name, Path root, Path work, StackEndpoints endpoints, String tenant,
                                 boolean bootstrap, int port, List<String> jvmOptions, List<String> arguments)
            throws IOException {
        Path jar;
        try (Stream<Path> jars = Files.list(root.resolve("platform/target"))) {
            jar = jars.filter(p -> p.getFileName().toString().matches("platform-.*\\.jar")
                            && !p.getFileName().toString().contains("plain")).findFirst()
                    .orElseThrow(() -> new AssertionError("platform/target has no platform jar: build the platform"));
        }
        Files.createDirectories(work.resolve("logs"));
        Path log = work.resolve("logs/" + name + ".log");
        List<String> command = new ArrayList<>(List.of(java()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-Ddisable-axoniq-console-message=true", "-jar", jar.toString(),
                "--server.port=" + port, "--logging.file.name=" + log, "--logging.threshold.console=OFF",
                "--chariot.operators=" + tenant));
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(work.resolve("logs/" + name + "-console.log")
                        .toFile()));
        builder.environment().keySet().removeIf(variable -> variable.startsWith("CHARIOT_"));
        builder.environment().putAll(endpoints.toEnvironment());
        builder.environment().putAll(Map.of("CHARIOT_JWT_SECRET", JWT_SECRET, "AXONIQ_UPDATE_CHECKER_DISABLED",
                "true"));
        if (bootstrap) {
            builder.environment().putAll(Map.of("CHARIOT_BOOTSTRAP_TENANT", tenant,
                    "CHARIOT_BOOTSTRAP_API_KEY_ID", KEY_ID, "CHARIOT_BOOTSTRAP_API_KEY_SECRET", KEY_SECRET));
        }
        return new PlatformProcess(name, port, log, builder.start());
    }

    /** Returns once the instance answers ready (its readiness probe: 200). */
    PlatformProcess awaitReady() {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest readiness = HttpRequest.newBuilder(URI.create(url() + "/actuator/health/readiness"))
                .timeout(Duration.ofSeconds(5)).GET().build();
        await("the platform " + name).atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofMillis(250)).until(() -> {
            if (!process.isAlive()) {
                throw new AssertionError("the platform " + name + " exited: see " + log);
            }
            try {
                return http.send(readiness, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            } catch (IOException e) {
                return false;
            }
        });
        return this;
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    ChariotApi api() {
        return new ChariotApi(url(), KEY_ID, KEY_SECRET);
    }

    /** The instance's log file. */
    Path log() {
        return log;
    }

    ProcessHandle handle() {
        return process.toHandle();
    }

    /** SIGTERM, then SIGKILL after a minute. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
