package io.chariot.infra.local;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/**
 * Runs the local stack ({@code chariot-local-servers}) as a child JVM and waits until its servers answer.
 *
 * <pre>{@code
 * try (LocalStack stack = LocalStack.start(Path.of("target/stack"))) {
 *     StackEndpoints endpoints = stack.endpoints();
 * }
 * }</pre>
 *
 * <p>If the environment names all five servers ({@code CHARIOT_*}), nothing is started: the external servers are
 * only health-checked. With some of them named, the child is started anyway and skips those.
 *
 * <p>The servers' classpath is {@code <root>/infra/local/servers/target/classes} plus the contents of
 * {@code target/stack.classpath} (written by that module's build), where {@code <root>} is the system property
 * {@code chariot.root} (set by Surefire to the reactor root) or found by walking up from the working directory.
 * System properties: {@code chariot.stack.classpath} (whole classpath), {@code chariot.stack.jvmOptions}
 * (space-separated JVM flags), {@code chariot.stack.workDir} and {@code chariot.stack.keepWorkDir} (for
 * {@link #shared()}).
 */
public final class LocalStack implements AutoCloseable {

    public static final String MAIN_CLASS = "io.chariot.infra.local.servers.StackMain";
    public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(120);
    /**
     * Flags for the stack's JVM: one small heap, the serial collector, C1 only (start-up over peak speed), and the
     * one {@code --add-opens} Neo4j's page cache asks for.
     */
    public static final List<String> DEFAULT_JVM_OPTIONS = List.of(
            "-Xmx1g", "-Xss1m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:+ExitOnOutOfMemoryError",
            "--add-opens=java.base/java.nio=ALL-UNNAMED");
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(5);

    /** How to start a stack. */
    public record Options(Path workDir, int kafkaPartitions, List<String> jvmOptions, Duration startTimeout,
                          Map<String, String> environment, boolean deleteWorkDirOnClose) {

        public Options {
            workDir = workDir.toAbsolutePath().normalize();
            jvmOptions = List.copyOf(jvmOptions);
            environment = Map.copyOf(environment);
        }

        /** Defaults: 4 Kafka partitions, {@link #DEFAULT_JVM_OPTIONS}, 120 s, this process's environment. */
        public static Options in(Path workDir) {
            String jvm = System.getProperty("chariot.stack.jvmOptions");
            List<String> jvmOptions = jvm == null || jvm.isBlank()
                    ? DEFAULT_JVM_OPTIONS : Arrays.asList(jvm.trim().split("\\s+"));
            return new Options(workDir, 4, jvmOptions, DEFAULT_START_TIMEOUT, System.getenv(), false);
        }

        public Options withKafkaPartitions(int partitions) {
            return new Options(workDir, partitions, jvmOptions, startTimeout, environment, deleteWorkDirOnClose);
        }

        public Options withJvmOptions(List<String> options) {
            return new Options(workDir, kafkaPartitions, options, startTimeout, environment, deleteWorkDirOnClose);
        }

        public Options withStartTimeout(Duration timeout) {
            return new Options(workDir, kafkaPartitions, jvmOptions, timeout, environment, deleteWorkDirOnClose);
        }

        public Options withEnvironment(Map<String, String> env) {
            return new Options(workDir, kafkaPartitions, jvmOptions, startTimeout, env, deleteWorkDirOnClose);
        }

        public Options withDeleteWorkDirOnClose(boolean delete) {
            return new Options(workDir, kafkaPartitions, jvmOptions, startTimeout, environment, delete);
        }
    }

    private static LocalStack shared;
    private static boolean sharedHookInstalled;

    private final Options options;
    private final Process process;
    private final StackEndpoints endpoints;
    private final AtomicBoolean closed = new AtomicBoolean();

    private LocalStack(Options options, Process process, StackEndpoints endpoints) {
        this.options = options;
        this.process = process;
        this.endpoints = endpoints;
    }

    public static LocalStack start(Path workDir) throws IOException {
        return start(Options.in(workDir));
    }

    /** Starts the stack (or checks the external one) and returns once every server answers. */
    public static LocalStack start(Options options) throws IOException {
        Map<String, String> env = options.environment();
        if (StackEndpoints.environmentNamesAllServers(env)) {
            StackEndpoints external = StackEndpoints.fromEnvironment(env);
            try {
                StackProbe.requireAll(external, PROBE_TIMEOUT);
            } catch (IOException e) {
                throw new IOException("external stack (CHARIOT_* variables): " + e.getMessage(), e);
            }
            return new LocalStack(options, null, external);
        }

        Path workDir = options.workDir();
        Path logs = workDir.resolve("logs");
        Files.createDirectories(logs);
        Optional<StackEndpoints> previous = StackEndpoints.readIfPresent(workDir);
        if (previous.isPresent()) {
            Optional<Long> pid = previous.get().stackPid();
            if (pid.isPresent() && ProcessHandle.of(pid.get()).map(ProcessHandle::isAlive).orElse(false)) {
                throw new IllegalStateException("a stack already runs in " + workDir + " (pid " + pid.get() + ")");
            }
            Files.deleteIfExists(StackEndpoints.file(workDir));
        }

        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(options.jvmOptions());
        command.add("-cp");
        command.add(serversClasspath());
        command.addAll(List.of(MAIN_CLASS, "up",
                "--work-dir", workDir.toString(),
                "--kafka-partitions", Integer.toString(options.kafkaPartitions()),
                "--watch-pid", Long.toString(ProcessHandle.current().pid())));
        Path console = logs.resolve("launcher-console.log");
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(console.toFile()));
        builder.environment().clear();
        builder.environment().putAll(env);
        Process process = builder.start();

        try {
            StackEndpoints endpoints = awaitEndpoints(process, workDir, options.startTimeout(), console);
            StackProbe.requireAll(endpoints, PROBE_TIMEOUT);
            return new LocalStack(options, process, endpoints);
        } catch (IOException | RuntimeException e) {
            stop(process);
            throw e;
        }
    }

    private static StackEndpoints awaitEndpoints(Process process, Path workDir, Duration timeout, Path console)
            throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Path file = StackEndpoints.file(workDir);
        while (true) {
            if (Files.exists(file)) {
                try {
                    StackEndpoints endpoints = StackEndpoints.read(workDir);
                    if (endpoints.stackPid().orElse(-1L) == process.pid()) {
                        return endpoints;
                    }
                } catch (IOException ignored) {
                    // being replaced; read again
                }
            }
            if (!process.isAlive()) {
                throw new IOException("the stack exited with code " + process.exitValue() + " before it was ready: "
                        + tail(console, 15));
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("the stack was not ready after " + timeout.toSeconds() + " s: " + tail(console, 15));
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for the stack", e);
            }
        }
    }

    /**
     * The one stack of this JVM, started on first use in a fresh temporary work dir (or {@code chariot.stack.workDir})
     * and stopped by {@link #closeShared()} or at JVM exit. For code outside JUnit; the extension uses it too.
     */
    public static synchronized LocalStack shared() {
        if (shared == null || shared.closed.get()) {
            try {
                String dir = System.getProperty("chariot.stack.workDir");
                Options options = dir != null && !dir.isBlank()
                        ? Options.in(Path.of(dir))
                        : Options.in(Files.createTempDirectory("chariot-stack-"))
                            .withDeleteWorkDirOnClose(!Boolean.getBoolean("chariot.stack.keepWorkDir"));
                shared = start(options);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the local stack: " + e.getMessage(), e);
            }
            if (!sharedHookInstalled) {
                sharedHookInstalled = true;
                Runtime.getRuntime().addShutdownHook(new Thread(LocalStack::closeShared, "chariot-stack-stopper"));
            }
        }
        return shared;
    }

    /** Stops the stack of {@link #shared()}, if it runs. */
    public static synchronized void closeShared() {
        if (shared != null) {
            shared.close();
        }
    }

    public StackEndpoints endpoints() {
        return endpoints;
    }

    public Path workDir() {
        return options.workDir();
    }

    /** Whether the servers are external ones named by the environment (nothing was started). */
    public boolean isExternal() {
        return process == null;
    }

    /** Stops the stack: SIGTERM (the stack stops its servers in order), then a forced kill after 60 s. */
    @Override
    public void close() {
        if (closed.getAndSet(true)) {
            return;
        }
        if (process != null) {
            stop(process);
        }
        if (options.deleteWorkDirOnClose()) {
            deleteRecursively(options.workDir());
        }
    }

    private static void stop(Process process) {
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                descendants.forEach(ProcessHandle::destroyForcibly);
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    // ---------------------------------------------------------------------------------------------- classpath

    /** {@code <servers>/target/classes:<contents of <servers>/target/stack.classpath>}. */
    public static String serversClasspath() throws IOException {
        String override = System.getProperty("chariot.stack.classpath");
        if (override != null && !override.isBlank()) {
            return override;
        }
        Path servers = serversModule();
        Path classes = servers.resolve("target/classes");
        Path classpathFile = servers.resolve("target/stack.classpath");
        if (!Files.isDirectory(classes) || !Files.isRegularFile(classpathFile)) {
            throw new IOException("chariot-local-servers is not built in " + servers
                    + " (run: mvn -pl infra/local/servers -am install -DskipTests)");
        }
        String dependencies = Files.readString(classpathFile, StandardCharsets.UTF_8).trim();
        return dependencies.isEmpty() ? classes.toString() : classes + File.pathSeparator + dependencies;
    }

    /** {@code <root>/infra/local/servers}, from {@code chariot.root} or the working directory upwards. */
    public static Path serversModule() throws IOException {
        List<Path> starts = new ArrayList<>();
        String root = System.getProperty("chariot.root");
        if (root != null && !root.isBlank()) {
            starts.add(Path.of(root));
        }
        starts.add(Path.of(System.getProperty("user.dir")));
        for (Path start : starts) {
            for (Path p = start.toAbsolutePath().normalize(); p != null; p = p.getParent()) {
                Path candidate = p.resolve("infra/local/servers");
                if (Files.isRegularFile(candidate.resolve("pom.xml"))) {
                    return candidate;
                }
            }
        }
        throw new IOException("cannot find infra/local/servers above " + starts
                + " (set -Dchariot.root=<reactor root>)");
    }

    // ---------------------------------------------------------------------------------------------- helpers

    private static String tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            return "last lines of " + file + ":\n  "
                    + String.join("\n  ", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no output in " + file + ")";
        }
    }

    static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // best effort
                }
            });
        } catch (IOException | UncheckedIOException ignored) {
            // best effort
        }
    }

    @Override
    public String toString() {
        return "LocalStack[" + (isExternal() ? "external" : "pid " + process.pid() + " in " + workDir()) + ", "
                + endpoints.summary() + "]";
    }
}
