package io.chariot.platform;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Health, Prometheus metrics (operators only) for command latency and processor lag, and the OpenAPI document. */
class ObservabilityIT extends PlatformIntegrationTest {

    @Test
    void healthAnswersWithoutATokenAndPrometheusAnOperatorWithCommandLatencyAndProcessorLag() {
        ChariotClient cli = newTenant();
        assertThat(cli.unauthenticated("GET", "/actuator/health", null).body()).contains("\"status\":\"UP\"");
        assertThat(cli.unauthenticated("GET", "/actuator/prometheus", null).status()).isEqualTo(401);
        assertThat(cli.get("/actuator/prometheus").status()).isEqualTo(403);
        assertThat(cli.get("/actuator/metrics").status()).isEqualTo(403);
        ChariotClient operator = clientFor(OPERATOR);
        assertThat(operator.get("/actuator/metrics").status()).isEqualTo(200);
        cli.put("/asset", "{\"group\":\"metrics.example\",\"identifier\":\"metrics.example\"}");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            var prometheus = operator.get("/actuator/prometheus");
            assertThat(prometheus.status()).isEqualTo(200);
            assertThat(prometheus.body())
                    .contains("commandBus_successTimer_seconds_count{payloadType=\"UpsertAsset\"}")
                    .contains("eventProcessor_latency{processorName=\"assets-dynamodb\"}")
                    .contains("eventProcessor_latency{processorName=\"assets-neo4j\"}")
                    .contains("eventProcessor_latency{processorName=\"assets-redis\"}");
        });
    }

    @Test
    void theOpenApiDocumentDescribesTheAssetSlice() {
        var docs = newTenant().unauthenticated("GET", "/v3/api-docs", null);
        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.json().get("paths").has("/asset")).isTrue();
        assertThat(docs.json().get("paths").has("/my")).isTrue();
        assertThat(docs.json().get("paths").has("/my/count")).isTrue();
        assertThat(docs.json().get("paths").has("/token")).isTrue();
        assertThat(newTenant().unauthenticated("GET", "/swagger-ui/index.html", null).status()).isEqualTo(200);
    }
}
