package io.chariot.infra.local.servers;

import io.chariot.infra.local.StackEndpoints;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The five servers: started in parallel, each health-checked, stopped in reverse order. */
final class Stack {

    private static final Logger LOG = LoggerFactory.getLogger(Stack.class);

    private final List<ManagedServer> servers = new ArrayList<>();
    private final List<ManagedServer> started = Collections.synchronizedList(new ArrayList<>());
    private final String postgresUser;
    private final String postgresPassword;
    private boolean stopped;

    Stack(Path workDir, int kafkaPartitions, Map<String, String> env) {
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
        this.postgresUser = external.postgresJdbcUrl() != null ? external.postgresUser() : PostgresServer.USER;
        this.postgresPassword = external.postgresJdbcUrl() != null ? external.postgresPassword() : PostgresServer.PASSWORD;
    }

    /** Starts every server on its own thread; on any failure stops what started and throws one message. */
    StackEndpoints start(Duration timeout) throws Exception {
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

    private String endpoint(String name) {
        return servers.stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow().endpoint();
    }

    /** Stops the started servers in reverse order of the stack's list (redis first, postgres last); idempotent. */
    synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        List<ManagedServer> reverse = new ArrayList<>(servers);
        Collections.reverse(reverse);
        for (ManagedServer server : reverse) {
            if (!started.contains(server)) {
                continue;
            }
            long t0 = System.nanoTime();
            try {
                server.stop();
                LOG.info("{} stopped in {} ms", server.name(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
            } catch (Exception | Error e) {
                LOG.warn("{} did not stop cleanly", server.name(), e);
            }
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
