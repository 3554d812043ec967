package io.chariot.platform;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Health per store and per processing group, readiness and liveness probes, build and git info. */
class HealthIT extends PlatformIntegrationTest {

    private static List<String> components(JsonNode health) {
        List<String> names = new ArrayList<>();
        health.path("components").fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void readinessChecksEveryStoreTheServiceNeedsAndLivenessOnlyTheJvm() {
        ChariotClient anyone = newTenant();
        var readiness = anyone.unauthenticated("GET", "/actuator/health/readiness", null);
        assertThat(readiness.status()).isEqualTo(200);
        assertThat(components(readiness.json()))
                .containsExactlyInAnyOrder("readinessState", "db", "kafka", "dynamodb", "neo4j", "redis");
        readiness.json().path("components").forEach(c -> assertThat(c.path("status").asText()).isEqualTo("UP"));

        var liveness = anyone.unauthenticated("GET", "/actuator/health/liveness", null);
        assertThat(liveness.status()).isEqualTo(200);
        assertThat(components(liveness.json())).containsExactly("livenessState");
    }

    @Test
    void healthShowsEachStoreAndEachProcessingGroupButNoDetailsToAnonymousCallers() {
        var health = newTenant().unauthenticated("GET", "/actuator/health", null);
        assertThat(components(health.json()))
                .contains("db", "kafka", "dynamodb", "neo4j", "redis", "processingGroups", "diskSpace");
        assertThat(components(health.json().path("components").path("processingGroups")))
                .contains("assets-dynamodb", "assets-neo4j", "assets-redis", "job-results");
        assertThat(health.body()).doesNotContain("\"details\"");
    }

    @Test
    void infoNamesTheBuildAndTheCommitForOperators() {
        assertThat(newTenant().get("/actuator/info").status()).isEqualTo(403);
        var info = clientFor(OPERATOR).get("/actuator/info");
        assertThat(info.status()).isEqualTo(200);
        assertThat(info.json().at("/build/artifact").asText()).isEqualTo("platform");
        assertThat(info.json().at("/build/version").asText()).isNotBlank();
        assertThat(info.json().at("/git/commit/id").asText()).matches("[0-9a-f]{7,40}");
        assertThat(info.json().at("/java/version").asText()).startsWith("17");
    }
}
