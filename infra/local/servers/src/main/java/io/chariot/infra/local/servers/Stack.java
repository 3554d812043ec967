package io.chariot.infra.local.servers;

import io.chariot.infra.local.StackEndpoints;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The five servers: started in parallel, each health-checked, stopped in reverse order. The ones that run as their own
 * OS process (PostgreSQL, Redis) are supervised: restarted on the same port when they die, and stopped by the
 * {@link Reaper} when this JVM dies without stopping them.
 */
final class Stack {

    private static final Logger LOG = LoggerFactory.getLogger(Stack.class);
    /** A server that keeps dying is not restarted for ever: the stack gives up and stops. */
    private static final int MAX_RESTARTS = 10;
    private static final Duration REAPER_GRACE = Duration.ofSeconds(20);

    private final List<ManagedServer> servers = new ArrayList<>();
    private final List<ManagedServer> started = Collections.synchronizedList(new ArrayList<>());
    private final Path logs;
    private final String postgresUser;
    private final String postgresPassword;
    private final ExecutorService supervisor = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "stack-supervisor");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicInteger restarts = new AtomicInteger();
    private volatile Consumer<String> onFailure = message -> { };
    private Reaper reaper;
    private volatile boolean stopped;

    Stack(Path workDir, int kafkaPartitions, Map<String, String> env) {
        this(workDir, kafkaPartitions, env, Set.of());
    }

    /** @param only the servers to run (names as {@link ManagedServer#name()}); empty for all five */
    Stack(Path workDir, int kafkaPartitions, Map<String, String> env, Set<String> only) {
        this.logs = workDir.resolve("logs");
        StackEndpoints external = StackEndpoints.fromEnvironment(env);
        servers.add(external.postgresJdbcUrl() != null
                ? new ExternalServer("postgres", external.postgresJdbcUrl(), StackEndpoints.ENV_POSTGRES_URL)
                : new PostgresServer(workDir));
        servers.add(external.kafkaBootstrap() != null
                ? new ExternalServer("kafka", external.kafkaBootstrap(), StackEndpoints.ENV_KAFKA_BOOTSTRAP)
                : new KafkaServer(workDir, kafkaPartitions));
        servers.add(external.dynamodbEndpoint() != null
                ? new ExternalServer("dynamodb", external.dynamodbEndpoint(), StackEndpoints.ENV_DYNAMODB_ENDPOINT)
                : new DynamoDbServer(workDir));
        servers.add(external.neo4jUri() != null
                ? new ExternalServer("neo4j", external.neo4jUri(), StackEndpoints.ENV_NEO4J_URI)
                : new Neo4jServer(workDir));
        servers.add(external.redisUrl() != null
                ? new ExternalServer("redis", external.redisUrl(), StackEndpoints.ENV_REDIS_URL)
                : new RedisServer(workDir));
        if (!only.isEmpty()) {
            servers.removeIf(server -> !only.contains(server.name()));
        }
        this.postgresUser = external.postgresJdbcUrl() != null ? external.postgresUser() : PostgresServer.USER;
        this.postgresPassword = external.postgresJdbcUrl() != null ? external.postgresPassword() : PostgresServer.PASSWORD;
    }

    /** Called (once) when a supervised server died and could not be started again. */
    void onFailure(Consumer<String> callback) {
        this.onFailure = callback;
    }

    /** Has {@code child} (the {@code --then} command) stopped with SIGTERM if this JVM dies without stopping it. */
    synchronized void watch(Process child) {
        if (reaper != null) {
            reaper.watch(child.toHandle(), "TERM");
        }
    }

    /** The child exited: nothing to stop any more (its pid may be reused). */
    synchronized void forget(Process child) {
        if (reaper != null) {
            reaper.forget(child.toHandle());
        }
    }

    /** Starts every server on its own thread; on any failure stops what started and throws one message. */
    StackEndpoints start(Duration timeout) throws Exception {
        synchronized (this) {
            java.nio.file.Files.createDirectories(logs);
            reaper = Reaper.start(logs.resolve("reaper.log"), REAPER_GRACE);
        }
        AtomicInteger threads = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(servers.size(), r -> {
            Thread thread = new Thread(r, "stack-start-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        Map<ManagedServer, Future<Long>> futures = new LinkedHashMap<>();
        for (ManagedServer server : servers) {
            futures.put(server, pool.submit(() -> {
                long t0 = System.nanoTime();
                Thread.currentThread().setName("stack-start-" + server.name());
                try {
                    server.start();
                } finally {
                    started.add(server); // stop even a half-started server
                    supervise(server);
                }
                long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
                LOG.info("{} ready at {} in {} ms", server.name(), server.endpoint(), millis);
                return millis;
            }));
        }
        pool.shutdown();
        long deadline = System.nanoTime() + timeout.toNanos();
        List<String> failures = new ArrayList<>();
        Map<String, String> attributes = new LinkedHashMap<>();
        for (Map.Entry<ManagedServer, Future<Long>> entry : futures.entrySet()) {
            String name = entry.getKey().name();
            try {
                long millis = entry.getValue().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                attributes.put(name + ".startMillis", Long.toString(millis));
                attributes.putAll(entry.getKey().attributes());
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                LOG.error("{} failed to start", name, cause);
                failures.add(name + ": " + rootMessage(cause));
            } catch (TimeoutException e) {
                failures.add(name + ": not ready after " + timeout.toSeconds() + " s");
            }
        }
        if (!failures.isEmpty()) {
            pool.shutdownNow();
            stop();
            throw new IllegalStateException(String.join("; ", failures));
        }
        return new StackEndpoints(
                endpoint("postgres"), postgresUser, postgresPassword, endpoint("kafka"), endpoint("dynamodb"),
                endpoint("neo4j"), endpoint("redis"), attributes);
    }

    /** The server of that name (tests reach its process through it). */
    ManagedServer server(String name) {
        return servers.stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    private String endpoint(String name) {
        return servers.stream().filter(s -> s.name().equals(name)).findFirst().map(ManagedServer::endpoint).orElse(null);
    }

    /** Registers a server's own process with the reaper and restarts it when it dies while the stack runs. */
    private synchronized void supervise(ManagedServer server) {
        server.process().ifPresent(process -> {
            if (reaper != null) {
                reaper.watch(process, server.stopSignal());
            }
            process.onExit().thenRun(() -> {
                if (!stopped) {
                    supervisor.execute(() -> restart(server, process));
                }
            });
        });
    }

    private void restart(ManagedServer server, ProcessHandle dead) {
        synchronized (this) {
            if (stopped) {
                return;
            }
            if (reaper != null) {
                reaper.forget(dead);
            }
        }
        int attempt = restarts.incrementAndGet();
        if (attempt > MAX_RESTARTS) {
            LOG.error("{} died again (pid {}); {} restarts already: giving up", server.name(), dead.pid(), MAX_RESTARTS);
            onFailure.accept(server.name() + " keeps dying (" + MAX_RESTARTS + " restarts)");
            return;
        }
        LOG.warn("{} (pid {}) died: starting it again on {}", server.name(), dead.pid(), server.endpoint());
        long t0 = System.nanoTime();
        Exception last = null;
        for (int i = 0; i < 5; i++) {
            try {
                synchronized (this) { // stop() waits for a restart under way, then stops what it started
                    if (stopped) {
                        return;
                    }
                    server.restart();
                    supervise(server);
                }
                LOG.info("{} restarted in {} ms", server.name(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
                return;
            } catch (Exception e) {
                last = e;
                LOG.warn("{} did not start again (attempt {}): {}", server.name(), i + 1, rootMessage(e));
                try {
                    Thread.sleep(1000L * (i + 1)); // e.g. the dead postmaster's children still hold its shared memory
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
        if (!stopped) {
            onFailure.accept(server.name() + " died and did not start again: "
                    + (last == null ? "stopped" : rootMessage(last)));
        }
    }

    /** Stops the started servers in reverse order of the stack's list (redis first, postgres last); idempotent. */
    synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        supervisor.shutdownNow();
        List<ManagedServer> reverse = new ArrayList<>(servers);
        Collections.reverse(reverse);
        for (ManagedServer server : reverse) {
            if (!started.contains(server)) {
                continue;
            }
            long t0 = System.nanoTime();
            try {
                if (reaper != null) {
                    server.process().ifPresent(reaper::forget);
                }
                server.stop();
                LOG.info("{} stopped in {} ms", server.name(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
            } catch (Exception | Error e) {
                LOG.warn("{} did not stop cleanly", server.name(), e);
            }
        }
        if (reaper != null) {
            reaper.close();
        }
    }

    static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
        if (root != t && root.getMessage() != null && !message.contains(root.getMessage())) {
            message += " (" + root.getMessage() + ")";
        }
        return message.replace('\n', ' ');
    }
}
