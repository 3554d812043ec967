package io.chariot.faults;

import io.chariot.infra.local.servers.Ports;
import io.chariot.infra.local.LocalStack;
import io.chariot.infra.local.StackEndpoints;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;

/**
 * The platform and its servers as separate real processes, so that each can be killed or stalled on its own: Kafka,
 * DynamoDB Local and Neo4j each in a stack JVM of their own ({@code StackMain up --only …}), PostgreSQL and Redis
 * under a fourth (its native child processes, supervised and reaped), and the platform jar as {@code ./chariot up}
 * runs it. Work dir: {@code infra/faults/target/faults/<name>}, kept for the logs.
 */
final class FaultStack implements AutoCloseable {

    static final String TENANT = "faults@chariot.local";
    /** Each stack JVM and what it runs; "main" also owns the reaper of PostgreSQL and Redis. */
    private static final Map<String, String> STACKS = Map.of("main", "postgres,redis", "kafka", "kafka",
            "dynamodb", "dynamodb", "neo4j", "neo4j");

    private final Path root;
    private final Path work;
    private final int port;
    private final Map<String, Process> stacks = new LinkedHashMap<>();
    private StackEndpoints endpoints;
    private PlatformProcess platform;

    private FaultStack(Path root, Path work, int port) {
        this.root = root;
        this.work = work;
        this.port = port;
    }

    /** Starts the four stack JVMs in parallel, then the platform; returns once the platform is ready. */
    static FaultStack start(String name) throws IOException {
        Path root = Path.of(System.getProperty("chariot.root", "../..")).toAbsolutePath().normalize();
        Path work = root.resolve("infra/faults/target/faults/" + name + "-" + System.currentTimeMillis());
        Files.createDirectories(work.resolve("logs"));
        FaultStack stack = new FaultStack(root, work, Ports.free());
        Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "fault-stack-stopper"));
        stack.startStacks();
        stack.startPlatform();
        return stack;
    }

    ChariotApi api() {
        return new ChariotApi("http://127.0.0.1:" + port, PlatformProcess.KEY_ID, PlatformProcess.KEY_SECRET);
    }

    StackEndpoints endpoints() {
        return endpoints;
    }

    Path work() {
        return work;
    }

    // ---- the processes -------------------------------------------------------------------------------------------

    /** The stack JVM running {@code name} (kafka, dynamodb, neo4j) or PostgreSQL and Redis ({@code main}). */
    ProcessHandle stackJvm(String name) {
        return stacks.get(name).toHandle();
    }

    ProcessHandle postmaster() {
        return pidFile(work.resolve("main/postgres/data/postmaster.pid"));
    }

    ProcessHandle redisServer() {
        return pidFile(work.resolve("main/redis/redis.pid"));
    }

    ProcessHandle platform() {
        return platform.handle();
    }

    /** The process whose SIGSTOP stalls that store. */
    ProcessHandle storeProcess(String store) {
        return switch (store) {
            case "postgres" -> postmaster();
            case "redis" -> redisServer();
            case "kafka", "dynamodb", "neo4j" -> stackJvm(store);
            default -> throw new IllegalArgumentException(store);
        };
    }

    private static ProcessHandle pidFile(Path file) {
        try {
            long pid = Long.parseLong(Files.readAllLines(file, StandardCharsets.UTF_8).get(0).trim());
            return ProcessHandle.of(pid).orElseThrow(() -> new AssertionError(file + ": pid " + pid + " is gone"));
        } catch (IOException e) {
            throw new AssertionError("no " + file, e);
        }
    }

    // ---- starting and stopping ---------------------------------------------------------------------------------

    private void startStacks() throws IOException {
        List<String> jvm = new ArrayList<>(LocalStack.DEFAULT_JVM_OPTIONS);
        for (var stack : STACKS.entrySet()) {
            Path dir = work.resolve(stack.getKey());
            Files.createDirectories(dir.resolve("logs"));
            List<String> command = new ArrayList<>();
            command.add(java());
            command.addAll(jvm);
            command.addAll(List.of("-cp", LocalStack.serversClasspath(), LocalStack.MAIN_CLASS, "up",
                    "--work-dir", dir.toString(), "--only", stack.getValue(), "--quiet",
                    "--watch-pid", Long.toString(ProcessHandle.current().pid())));
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("logs/launcher-console.log").toFile()))
                    .start();
            stacks.put(stack.getKey(), process);
        }
        Map<String, StackEndpoints> found = new LinkedHashMap<>();
        await("the stack JVMs").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200)).until(() -> {
            for (var stack : stacks.entrySet()) {
                if (!stack.getValue().isAlive()) {
                    throw new AssertionError("stack " + stack.getKey() + " exited: see " + work.resolve(stack.getKey())
                            .resolve("logs"));
                }
                StackEndpoints.readIfPresent(work.resolve(stack.getKey()))
                        .filter(e -> e.stackPid().orElse(-1L) == stack.getValue().pid())
                        .ifPresent(e -> found.put(stack.getKey(), e));
            }
            return found.size() == stacks.size();
        });
        StackEndpoints main = found.get("main");
        endpoints = new StackEndpoints(main.postgresJdbcUrl(), main.postgresUser(), main.postgresPassword(),
                found.get("kafka").kafkaBootstrap(), found.get("dynamodb").dynamodbEndpoint(),
                found.get("neo4j").neo4jUri(), main.redisUrl());
    }

    void startPlatform() throws IOException {
        platform = PlatformProcess.start("platform", root, work, endpoints, TENANT, true, port,
                List.of("-Xmx1g", "-XX:+UseParallelGC"),
                List.of("--chariot.platform.url-file=" + work.resolve("platform.url"))).awaitReady();
    }

    /** Stops everything: the platform first (SIGTERM), then the stacks, which stop their servers. */
    @Override
    public synchronized void close() {
        if (platform != null) {
            platform.close();
        }
        stacks.values().forEach(FaultStack::stop);
    }

    void stopPlatform() {
        if (platform != null) {
            platform.close();
        }
    }

    private static void stop(Process process) {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(Duration.ofSeconds(60).toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
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
