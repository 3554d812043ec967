package io.chariot.infra.local.cluster;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The local distributed cluster ({@code ./chariot up --distributed}): every service as its own process — two
 * instances of assets and of projections by default — their commands routed between them (JGroups on loopback),
 * and the edge in front, on one port. It runs as the stack's {@code --then} command, so the stack's endpoints are in
 * its environment; one ready line, and SIGTERM (Ctrl-C) stops every process it started.
 */
@Command(name = "chariot-cluster", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Starts every Chariot service as its own process and the edge in front of them.",
                "Run by ./chariot up --distributed after the stack; the stack's CHARIOT_* variables must be set."})
public final class ClusterMain implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--port", defaultValue = "8080", description = "The edge's port, the one base URL (default 8080).")
    int port;

    @Option(names = "--root", required = true, description = "The project root (holds services/*/target/*.jar).")
    Path root;

    @Option(names = "--work-dir", required = true, description = "Logs go to WORK/logs; WORK/platform.url names the edge.")
    Path work;

    @Option(names = "--instances", defaultValue = "asset=2,projections=2",
            description = "Instances per service, SERVICE=COUNT,… (default asset=2,projections=2; others run once).")
    String instances;

    @Option(names = "--heap", defaultValue = "512m", description = "Each service JVM's -Xmx (default 512m).")
    String heap;

    @Option(names = "--jvm-option", paramLabel = "OPTION",
            description = "A further option for every service JVM, repeatable (tests start short-lived clusters with "
                          + "-XX:TieredStopAtLevel=1: less compiling while ten JVMs start on two cores).")
    List<String> jvmOptions = new ArrayList<>();

    @Option(names = "--start-timeout", defaultValue = "600",
            description = "Seconds for every process to become ready (default 600: ten JVMs share the cores).")
    int startTimeoutSeconds;

    private final List<Running> running = new ArrayList<>();
    private volatile boolean stopping;

    private record Running(String name, Process process, Path log) {
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new ClusterMain()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (port < 1 || port > 65535) {
            throw new ParameterException(spec.commandLine(), "--port must be from 1 to 65535");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ClusterPlan plan;
        try {
            plan = ClusterPlan.of(root, ClusterPlan.counts(instances), port);
        } catch (IllegalArgumentException e) {
            err.println("chariot-cluster: " + e.getMessage());
            err.flush();
            return 2;
        }
        Path logs = work.resolve("logs");
        Files.createDirectories(logs);
        CountDownLatch stop = new CountDownLatch(1);
        Thread hook = new Thread(this::stopAll, "chariot-cluster-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);

        long t0 = System.nanoTime();
        String cluster = "chariot-local-" + port;
        // Two waves: one instance alone first creates the stores' schemas (Flyway, Neo4j constraints, DynamoDB
        // tables) — started together on fresh stores, instances deadlock creating the same Neo4j constraints — then
        // every other instance at once.
        List<ClusterPlan.Instance> first = plan.instances().stream().filter(i -> i.service().equals("projections"))
                .limit(1).toList();
        List<ClusterPlan.Instance> rest = plan.instances().stream().filter(i -> !first.contains(i)).toList();
        for (List<ClusterPlan.Instance> wave : List.of(first, rest)) {
            for (ClusterPlan.Instance instance : wave) {
                start(instance.name(), instance.jar(), instance.httpPort(), routing(plan, instance, cluster), logs);
            }
            List<String> late = awaitReady(wave.stream()
                    .collect(LinkedHashMap::new, (m, i) -> m.put(i.name(), i.url()), Map::putAll), err);
            if (!late.isEmpty()) {
                err.println("chariot-cluster: not ready within " + startTimeoutSeconds + " s: "
                        + String.join(", ", late) + " (logs in " + logs + ")");
                err.flush();
                stopAll();
                return 1;
            }
        }
        start("edge", plan.edgeJar(), port, plan.edgeEnvironment(), logs);
        List<String> late = awaitReady(Map.of("edge", "http://127.0.0.1:" + port), err);
        if (!late.isEmpty()) {
            err.println("chariot-cluster: the edge did not become ready (log " + logs.resolve("edge.log") + ")");
            err.flush();
            stopAll();
            return 1;
        }
        String url = "http://127.0.0.1:" + port;
        Files.writeString(work.resolve("platform.url"), url + "\n");
        out.println(String.format(Locale.ROOT, "chariot: ready at %s — distributed: %d processes (%s) behind the edge"
                        + " (%.0fs; logs in %s)", url, running.size(), summary(plan),
                (System.nanoTime() - t0) / 1e9, logs));
        out.flush();

        for (Running r : List.copyOf(running)) {
            r.process().onExit().thenRun(() -> {
                if (!stopping && stop.getCount() > 0) {
                    err.println("chariot-cluster: " + r.name() + " exited (code " + r.process().exitValue()
                            + "; log " + r.log() + ")");
                    err.flush();
                    if (r.name().equals("edge")) {
                        stop.countDown();
                    }
                }
            });
        }
        stop.await();
        stopAll();
        return 1;
    }

    /** What makes an instance a member of the cluster's command routing, and its share of the database. */
    private static Map<String, String> routing(ClusterPlan plan, ClusterPlan.Instance instance, String cluster) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("CHARIOT_COMMANDS_DISTRIBUTED_ENABLED", "true");
        env.put("CHARIOT_COMMANDS_DISTRIBUTED_CLUSTER_NAME", cluster);
        env.put("CHARIOT_COMMANDS_DISTRIBUTED_NODE_NAME", instance.name());
        env.put("CHARIOT_COMMANDS_DISTRIBUTED_BIND_ADDRESS", "127.0.0.1");
        env.put("CHARIOT_COMMANDS_DISTRIBUTED_BIND_PORT", Integer.toString(instance.routingPort()));
        env.put("CHARIOT_COMMANDS_DISTRIBUTED_HOSTS", plan.routingHosts());
        // Ten processes share the local PostgreSQL's 100 connections: the projections service's processors need
        // the most (one token store update per batch each), the API services few.
        env.put("SPRING_DATASOURCE_HIKARI_MAXIMUMPOOLSIZE", instance.service().equals("projections") ? "14" : "6");
        return env;
    }

    private static String summary(ClusterPlan plan) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        plan.instances().forEach(i -> counts.merge(i.service(), 1, Integer::sum));
        List<String> parts = new ArrayList<>();
        counts.forEach((service, n) -> parts.add(n == 1 ? service : service + "×" + n));
        return String.join(", ", parts);
    }

    private void start(String name, Path jar, int httpPort, Map<String, String> env, Path logs) throws IOException {
        Path log = logs.resolve(name + ".log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx" + heap, "-XX:+UseSerialGC",
                "-XX:+ExitOnOutOfMemoryError", "-Ddisable-axoniq-console-message=true"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar.toString(),
                "--server.port=" + httpPort, "--logging.file.name=" + log, "--logging.threshold.console=OFF"));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logs.resolve(name + ".out").toFile()));
        builder.environment().putAll(env);
        synchronized (running) {
            running.add(new Running(name, builder.start(), log));
        }
    }

    /**
     * Waits until every named URL answers its readiness probe, checking on a scheduler every half second; the names
     * that did not, or whose process died.
     */
    private List<String> awaitReady(Map<String, String> urls, PrintWriter err) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Map<String, String> waiting = new java.util.concurrent.ConcurrentHashMap<>(urls);
        java.util.concurrent.CompletableFuture<String> outcome = new java.util.concurrent.CompletableFuture<>();
        var scheduler = java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
        scheduler.scheduleWithFixedDelay(() -> {
            for (var entry : List.copyOf(waiting.entrySet())) {
                if (!alive(entry.getKey())) {
                    outcome.complete(entry.getKey());
                    return;
                }
                try {
                    var answer = http.send(HttpRequest.newBuilder(URI.create(entry.getValue()
                            + "/actuator/health/readiness")).timeout(Duration.ofSeconds(5)).build(),
                            HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                    if (answer.statusCode() == 200) {
                        waiting.remove(entry.getKey());
                    }
                } catch (IOException notYet) {
                    // not listening yet
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            if (waiting.isEmpty()) {
                outcome.complete(null);
            }
        }, 0, 500, TimeUnit.MILLISECONDS);
        try {
            String died = outcome.get(startTimeoutSeconds, TimeUnit.SECONDS);
            if (died != null) {
                err.println("chariot-cluster: " + died + " exited while starting");
                err.flush();
                return List.of(died);
            }
            return List.of();
        } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
            return List.copyOf(waiting.keySet());
        } finally {
            scheduler.shutdownNow();
        }
    }

    private boolean alive(String name) {
        synchronized (running) {
            return running.stream().filter(r -> r.name().equals(name)).allMatch(r -> r.process().isAlive());
        }
    }

    /** The edge first (no new requests), then every service at once: SIGTERM, 15 s grace, then a kill. */
    private void stopAll() {
        stopping = true;
        List<Running> all;
        synchronized (running) {
            all = new ArrayList<>(running);
            running.clear();
        }
        all.stream().filter(r -> r.name().equals("edge")).forEach(r -> r.process().destroy());
        all.forEach(r -> r.process().destroy());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        for (Running r : all) {
            try {
                long left = deadline - System.nanoTime();
                if (left <= 0 || !r.process().waitFor(left, TimeUnit.NANOSECONDS)) {
                    r.process().descendants().forEach(ProcessHandle::destroyForcibly);
                    r.process().destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                r.process().destroyForcibly();
            }
        }
    }
}
