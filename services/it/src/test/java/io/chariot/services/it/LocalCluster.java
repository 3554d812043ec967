package io.chariot.services.it;

import io.chariot.infra.local.servers.Ports;
import io.chariot.infra.local.LocalStack;
import io.chariot.infra.local.StackEndpoints;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * The local distributed cluster exactly as {@code ./chariot up --distributed} starts it — the cluster launcher
 * ({@code io.chariot.infra.local.cluster.ClusterMain}) as a child JVM on this run's stack, starting every service's
 * jar as its own process and the edge in front — and its instances, found among the launcher's child processes, so a
 * test can kill one. Logs in {@code target/cluster/logs/}.
 */
final class LocalCluster implements AutoCloseable {

    /** One running service instance: its service, its HTTP port, its process. */
    record Instance(String service, int port, ProcessHandle process) {
        Http http() {
            return new Http("http://127.0.0.1:" + port);
        }
    }

    private final Process launcher;
    private final Path work;
    private final int port;
    private final Thread reaper;

    private LocalCluster(Process launcher, Path work, int port) {
        this.launcher = launcher;
        this.work = work;
        this.port = port;
        // a cancelled build leaves no cluster behind: the launcher's own hook stops its services on SIGTERM
        this.reaper = new Thread(launcher::destroy, "reap-cluster");
        Runtime.getRuntime().addShutdownHook(reaper);
    }

    static LocalCluster start(StackEndpoints stack, Map<String, String> deployment, String instances,
                              Duration within) throws Exception {
        Path root = projectRoot();
        Path work = Path.of("target", "cluster").toAbsolutePath();
        Files.createDirectories(work);
        Files.deleteIfExists(work.resolve("platform.url"));
        int port = Ports.free();
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", LocalStack.serversClasspath(),
                "io.chariot.infra.local.cluster.ClusterMain", "--port", Integer.toString(port),
                "--root", root.toString(), "--work-dir", work.toString(), "--instances", instances,
                "--heap", "384m", "--jvm-option=-XX:TieredStopAtLevel=1");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(work.resolve("cluster.out").toFile());
        builder.environment().putAll(stack.toEnvironment());
        builder.environment().putAll(deployment);
        builder.environment().put("AXONIQ_UPDATE_CHECKER_DISABLED", "true");
        LocalCluster cluster = new LocalCluster(builder.start(), work, port);
        try {
            // the launcher names the edge in platform.url once every process is ready
            await("the cluster ready").atMost(within).pollInterval(Duration.ofSeconds(1)).until(() -> {
                if (!cluster.launcher.isAlive()) {
                    throw new AssertionError("the cluster launcher ended with " + cluster.launcher.exitValue()
                            + ":\n" + cluster.output());
                }
                return Files.exists(work.resolve("platform.url"));
            });
        } catch (RuntimeException | Error notReady) {
            cluster.close();
            throw notReady;
        }
        return cluster;
    }

    /** The project root: where {@code infra/local/servers} is found ({@code chariot.root} or upwards). */
    static Path projectRoot() throws IOException {
        return LocalStack.serversModule().resolve("../../..").normalize();
    }

    int port() {
        return port;
    }

    Http edge() {
        return new Http("http://127.0.0.1:" + port);
    }

    /** The live instances of a service, by port. */
    List<Instance> instances(String service) {
        String jar = "chariot-" + service + "-service.jar";
        List<Instance> found = new ArrayList<>();
        launcher.descendants().filter(ProcessHandle::isAlive).forEach(process -> {
            String[] args = process.info().arguments().orElse(new String[0]);
            boolean isService = List.of(args).stream().anyMatch(a -> a.endsWith("/" + jar));
            Optional<Integer> httpPort = List.of(args).stream().filter(a -> a.startsWith("--server.port="))
                    .map(a -> Integer.parseInt(a.substring("--server.port=".length()))).findFirst();
            if (isService && httpPort.isPresent()) {
                found.add(new Instance(service, httpPort.get(), process));
            }
        });
        found.sort(Comparator.comparingInt(Instance::port));
        return found;
    }

    String output() {
        try {
            return Files.readString(work.resolve("cluster.out"));
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }

    /** SIGTERM to the launcher, which stops the edge and every service; anything left after a minute is killed. */
    @Override
    public void close() throws InterruptedException {
        launcher.destroy();
        if (!launcher.waitFor(60, TimeUnit.SECONDS)) {
            launcher.descendants().forEach(ProcessHandle::destroyForcibly);
            launcher.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        launcher.descendants().forEach(ProcessHandle::destroyForcibly);
        Runtime.getRuntime().removeShutdownHook(reaper);
    }
}
