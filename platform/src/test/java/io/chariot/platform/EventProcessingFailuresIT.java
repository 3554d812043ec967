package io.chariot.platform;

import com.fasterxml.jackson.databind.JsonNode;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.extensions.kafka.eventhandling.producer.KafkaPublisher;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * No event is ever skipped: a handler that fails for good parks its event (the aggregate's later events wait behind
 * it, other aggregates flow on), the park is visible and a retry after the fix drains it; a handler whose store is
 * unreachable is retried on the spot until it answers. Exercised through a read model that fails on demand, fed
 * like the real ones (Kafka, the same processor configuration); it is part of every IT's application context
 * (PlatformIntegrationTest), so no second context consumes the same topic and token store.
 */
class EventProcessingFailuresIT extends PlatformIntegrationTest {

    @Autowired
    FaultyReadModel faulty;

    @Autowired
    EventProcessingConfiguration processing;

    private static String asset(String name) {
        return "{\"group\":\"faults.example\",\"identifier\":\"" + name + "\",\"status\":\"A\"}";
    }

    private String aggregate(ChariotClient client, String name) {
        return client.tenant + "#asset#faults.example#" + name;
    }

    private JsonNode health(ChariotClient ops) {
        return ops.get("/actuator/health").json().path("components").path("processingGroups").path("components")
                .path(FaultyReadModel.GROUP);
    }

    @Test
    void aPoisonEventIsParkedOthersFlowItsAggregateWaitsBehindItAndARetryAfterTheFixDrainsIt() {
        ChariotClient client = newTenant();
        ChariotClient ops = clientFor(OPERATOR);

        var poisoned = client.put("/asset", asset("poison-1"));
        // Stored, but one read model behind the asset cannot show it: the write says so at once.
        assertThat(poisoned.status()).as(poisoned.body()).isEqualTo(503);
        assertThat(poisoned.contentType()).startsWith("application/problem+json");
        assertThat(poisoned.json().path("detail").asText()).contains("test-faulty: the event is parked");
        assertThat(poisoned.json().path("stored").asBoolean()).isTrue();

        var fine = client.put("/asset", asset("fine-1"));
        assertThat(fine.status()).as(fine.body()).isEqualTo(200);
        assertThat(faulty.applied).containsEntry(aggregate(client, "fine-1"), 0L);

        // The poisoned aggregate's next event waits behind the parked one.
        var later = client.put("/asset", "{\"key\":\"#asset#faults.example#poison-1\",\"status\":\"F\"}");
        assertThat(later.status()).isEqualTo(503);
        assertThat(faulty.applied).doesNotContainKey(aggregate(client, "poison-1"));

        // (The write answered as soon as it was known to queue behind the parked event; it is parked a moment later.)
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(ops.get("/admin/projections/"
                + FaultyReadModel.GROUP + "/parked").json().path("parked").asLong()).isEqualTo(2));
        JsonNode parked = ops.get("/admin/projections/" + FaultyReadModel.GROUP + "/parked").json();
        assertThat(parked.path("events")).hasSize(2);
        assertThat(parked.path("events").get(0).path("sequence").asText()).isEqualTo(aggregate(client, "poison-1"));
        assertThat(parked.path("events").get(0).path("eventType").asText()).isEqualTo("AssetDiscovered");
        assertThat(parked.path("events").get(0).path("causeType").asText())
                .isEqualTo(IllegalStateException.class.getName());
        assertThat(parked.path("events").get(1).path("eventType").asText()).isEqualTo("AssetStatusChanged");
        assertThat(health(ops).path("status").asText()).isEqualTo("DEGRADED");
        // The real read models took the write: it is stored and everywhere else visible.
        assertThat(client.my("#asset#faults.example#poison-1").json().path("assets").get(0).path("status").asText())
                .isEqualTo("F");

        faulty.poisonFixed = true;
        var retried = ops.post("/admin/projections/" + FaultyReadModel.GROUP + "/parked/retry?sequence="
                + java.net.URLEncoder.encode(aggregate(client, "poison-1"), java.nio.charset.StandardCharsets.UTF_8), "");
        assertThat(retried.status()).as(retried.body()).isEqualTo(200);
        assertThat(retried.json().path("drained").asInt()).isEqualTo(1);
        assertThat(retried.json().path("stillParked").asLong()).isZero();
        assertThat(faulty.applied).containsEntry(aggregate(client, "poison-1"), 1L);
        assertThat(health(ops).path("status").asText()).isEqualTo("UP");

        // Drained: the aggregate's events flow again, and its writes are visible at once.
        assertThat(client.put("/asset", "{\"key\":\"#asset#faults.example#poison-1\",\"status\":\"A\"}").status())
                .isEqualTo(200);
        assertThat(faulty.applied).containsEntry(aggregate(client, "poison-1"), 2L);
    }

    @Test
    void aStoreThatFailsTransientlyIsRetriedUntilItAnswersAndNothingIsParkedOrSkipped() throws Exception {
        ChariotClient client = newTenant();
        ChariotClient ops = clientFor(OPERATOR);
        faulty.transientFailuresLeft.set(25);

        CompletableFuture<ChariotClient.Response> write =
                CompletableFuture.supplyAsync(() -> client.put("/asset", asset("flaky-1")));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(health(ops).path("status").asText()).isEqualTo("DOWN"));
        // A writer does not wait out the bound for a store that is down: it learns at once that its write is stored.
        var answered = write.get();
        assertThat(answered.status()).as(answered.body()).isEqualTo(503);
        assertThat(answered.json().path("detail").asText()).contains("its store is failing");

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(faulty.applied).containsEntry(aggregate(client, "flaky-1"), 0L);
            assertThat(health(ops).path("status").asText()).isEqualTo("UP");
        });
        assertThat(faulty.transientFailuresLeft.get()).isNegative();
        assertThat(ops.get("/admin/projections/" + FaultyReadModel.GROUP + "/parked").json().path("parked").asLong())
                .isZero();
        assertThat(client.put("/asset", asset("flaky-2")).status()).isEqualTo(200);
    }

    @Test
    void noProcessingGroupCanSkipAnEvent() {
        List<String> unguarded = new ArrayList<>();
        processing.eventProcessors().forEach((name, processor) -> {
            boolean propagates = processing.listenerInvocationErrorHandler(name) instanceof PropagatingErrorHandler
                    && processing.errorHandler(name) instanceof PropagatingErrorHandler;
            // Projections and sagas park; the Kafka publisher keeps its order and retries (a park would reorder);
            // subscribing groups fail the command that published the event.
            if (processing.deadLetterQueue(name).isEmpty() && !propagates) {
                unguarded.add(name + (processor instanceof StreamingEventProcessor ? " (streaming)" : " (subscribing)"));
            }
        });
        assertThat(processing.eventProcessors()).containsKeys("assets-dynamodb", "job-results", "account-links",
                "__axon-kafka-event-publishing-group");
        assertThat(processing.deadLetterQueue("assets-dynamodb")).isPresent();
        assertThat(processing.deadLetterQueue("job-results")).isPresent();
        assertThat(unguarded).isEmpty();
    }

    @Test
    void theKafkaPublisherIsTheOneThatFailsABatchKafkaDidNotAcknowledge(@Autowired KafkaPublisher<?, ?> publisher) {
        // axon-kafka's own publisher stands aside (BatchAcknowledgedKafkaPublisherIT proves the behaviour)
        assertThat(publisher.getClass().getSimpleName()).isEqualTo("BatchAcknowledgedKafkaPublisher");
    }
}
