package io.chariot.infra.local.servers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chariot.infra.local.StackEndpoints;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stack restarts its own processes (PostgreSQL, Redis) when they die, on the same endpoint, with their data. */
class StackSupervisionTest {

    @TempDir
    Path work;

    private Stack stack;
    private StackEndpoints endpoints;

    @BeforeEach
    void start() throws Exception {
        stack = new Stack(work, 1, Map.of(), Set.of("postgres", "redis"));
        endpoints = stack.start(Duration.ofSeconds(60));
    }

    @AfterEach
    void stop() {
        stack.stop();
    }

    @Test
    void aKilledRedisIsStartedAgainOnTheSameEndpointWithEveryAcknowledgedWrite() throws Exception {
        int port = URI.create(endpoints.redisUrl()).getPort();
        try (RedisCommands redis = RedisCommands.connect(port, Duration.ofSeconds(5))) {
            for (int i = 0; i < 100; i++) {
                redis.call("INCR", "n");
            }
        }
        ProcessHandle redisProcess = process("redis");

        redisProcess.destroyForcibly();
        redisProcess.onExit().get();

        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
            assertThat(process("redis").pid()).isNotEqualTo(redisProcess.pid());
            try (RedisCommands redis = RedisCommands.connect(port, Duration.ofSeconds(2))) {
                assertThat(redis.call("GET", "n")).isEqualTo("100");
            }
        });
    }

    @Test
    void aKilledPostgresIsStartedAgainOnTheSameEndpointWithEveryCommittedRow() throws Exception {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute("create table committed (n int)");
            statement.execute("insert into committed select generate_series(1, 100)");
        }
        ProcessHandle postmaster = process("postgres");

        postmaster.destroyForcibly();
        postmaster.onExit().get();

        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().untilAsserted(() -> {
            assertThat(process("postgres").pid()).isNotEqualTo(postmaster.pid());
            try (Connection connection = connect(); Statement statement = connection.createStatement();
                 ResultSet rs = statement.executeQuery("select count(*) from committed")) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(100);
            }
        });
    }

    private ProcessHandle process(String name) {
        return stack.server(name).process().orElseThrow();
    }

    private Connection connect() throws Exception {
        return DriverManager.getConnection(endpoints.postgresJdbcUrl(), PostgresServer.USER, PostgresServer.PASSWORD);
    }
}
