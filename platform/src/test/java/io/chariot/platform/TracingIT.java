package io.chariot.platform;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One trace spans HTTP → command → event → Kafka → every projection, carried in event metadata, and is exported over
 * OTLP/HTTP.
 */
class TracingIT extends PlatformIntegrationTest {

    @Autowired
    InMemorySpanExporter spans;

    @Test
    void aTraceStartedByTheCallerRunsThroughTheCommandAndEveryProjection() throws Exception {
        ChariotClient cli = newTenant();
        String traceId = "4bf92f3577b34da6a3ce929d0e0e" + Long.toHexString(System.nanoTime() & 0xffff | 0x1000);
        String token = cli.token().json().get("token").asText();
        var response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(cli.api + "/asset"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
                .PUT(HttpRequest.BodyPublishers.ofString(
                        "{\"group\":\"trace.example\",\"identifier\":\"trace.example\",\"status\":\"A\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<String> names = spans.getFinishedSpanItems().stream()
                    .filter(s -> s.getTraceId().equals(traceId)).map(SpanData::getName).toList();
            assertThat(names).as("spans of trace %s", traceId)
                    .anyMatch(n -> n.equals("http put /asset"))
                    .anyMatch(n -> n.equals("CommandBus.handleCommand(UpsertAsset)"))
                    .anyMatch(n -> n.equals("EventBus.publishEvent(AssetDiscovered)"))
                    // The projections consume from Kafka: the context crossed the broker in the record's headers.
                    .anyMatch(n -> n.startsWith("DynamoDbAssetProjection.on(AssetDiscovered"))
                    .anyMatch(n -> n.startsWith("Neo4jAssetProjection.on(AssetDiscovered"))
                    .anyMatch(n -> n.startsWith("RedisAssetCountsProjection.on(AssetDiscovered"));
        });
        // Boot's OTLP exporter sent them to the collector too (management.otlp.tracing.endpoint).
        await().atMost(Duration.ofSeconds(30)).until(() -> OTLP.receivedTrace(traceId));
    }
}
