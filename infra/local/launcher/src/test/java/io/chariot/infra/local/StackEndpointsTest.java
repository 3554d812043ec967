package io.chariot.infra.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackEndpointsTest {

    private static final StackEndpoints ENDPOINTS = new StackEndpoints(
            "jdbc:postgresql://127.0.0.1:5433/chariot", "postgres", "pa ss=w:rd\\#1", "127.0.0.1:9093",
            "http://127.0.0.1:8001", "bolt://127.0.0.1:7688", "redis://127.0.0.1:6380",
            Map.of("postgres.settings.synchronous_commit", "on", "stack.pid", "42", "note", " leading space"));

    @Test
    void theEndpointsFileRoundTrips(@TempDir Path dir) throws Exception {
        ENDPOINTS.write(dir);

        assertThat(StackEndpoints.read(dir)).isEqualTo(ENDPOINTS);
        assertThat(StackEndpoints.readIfPresent(dir)).contains(ENDPOINTS);
        assertThat(ENDPOINTS.stackPid()).contains(42L);
        assertThat(dir).isDirectoryNotContaining("glob:**.tmp");
    }

    @Test
    void theFileKeepsUrlsPlainForShellScripts(@TempDir Path dir) throws Exception {
        ENDPOINTS.write(dir);

        assertThat(Files.readAllLines(StackEndpoints.file(dir)))
                .contains("postgres.url=jdbc:postgresql://127.0.0.1:5433/chariot", "redis.url=redis://127.0.0.1:6380",
                        "postgres.settings.synchronous_commit=on");
    }

    @Test
    void aMissingFileIsEmptyNotAnError(@TempDir Path dir) {
        assertThat(StackEndpoints.readIfPresent(dir)).isEmpty();
    }

    @Test
    void environmentVariablesOverrideTheFile() {
        StackEndpoints overlaid = ENDPOINTS.overlay(Map.of(
                "CHARIOT_KAFKA_BOOTSTRAP", "kafka.example:9092", "CHARIOT_REDIS_URL", " "));

        assertThat(overlaid.kafkaBootstrap()).isEqualTo("kafka.example:9092");
        assertThat(overlaid.redisUrl()).isEqualTo(ENDPOINTS.redisUrl());
        assertThat(overlaid.postgresJdbcUrl()).isEqualTo(ENDPOINTS.postgresJdbcUrl());
    }

    @Test
    void theEnvironmentOfAStackNamesEveryServerAndTheDatabaseUser() {
        Map<String, String> env = ENDPOINTS.toEnvironment();

        assertThat(env).containsOnlyKeys("CHARIOT_POSTGRES_URL", "CHARIOT_POSTGRES_USER", "CHARIOT_POSTGRES_PASSWORD",
                "CHARIOT_KAFKA_BOOTSTRAP", "CHARIOT_DYNAMODB_ENDPOINT", "CHARIOT_NEO4J_URI", "CHARIOT_REDIS_URL");
        assertThat(StackEndpoints.environmentNamesAllServers(env)).isTrue();
        assertThat(StackEndpoints.fromEnvironment(env)).isEqualTo(
                new StackEndpoints(ENDPOINTS.postgresJdbcUrl(), ENDPOINTS.postgresUser(), ENDPOINTS.postgresPassword(),
                        ENDPOINTS.kafkaBootstrap(), ENDPOINTS.dynamodbEndpoint(), ENDPOINTS.neo4jUri(),
                        ENDPOINTS.redisUrl()));
    }

    @Test
    void aPartialEnvironmentNamesTooFewServers() {
        StackEndpoints partial = StackEndpoints.fromEnvironment(Map.of("CHARIOT_POSTGRES_URL", "jdbc:postgresql://db/x"));

        assertThat(partial.isComplete()).isFalse();
        assertThat(partial.postgresUser()).isEqualTo("postgres");
        assertThat(partial.postgresPassword()).isEqualTo("postgres");
        assertThat(partial.kafkaBootstrap()).isNull();
    }

    @Test
    void theSummaryLeavesThePasswordOut() {
        assertThat(ENDPOINTS.toString()).doesNotContain(ENDPOINTS.postgresPassword());
        assertThat(ENDPOINTS.summary()).startsWith("postgres=jdbc:postgresql://127.0.0.1:5433/chariot kafka=");
    }
}
