package io.chariot.platform;

import com.fasterxml.jackson.databind.JsonNode;
import io.chariot.projections.instances.InstanceFollower;
import io.chariot.projections.instances.PeerPauses;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The projection operations over the admin API: list, status, dry run, and an in-place rebuild under load. */
class ProjectionRebuildIT extends PlatformIntegrationTest {

    @Autowired
    InstanceFollower follower;

    @Autowired
    PeerPauses pauses;

    @Autowired
    EventProcessingConfiguration processing;

    @Autowired
    JdbcTemplate jdbc;

    /** Another instance's rebuild is played by its rows: a pause request in PostgreSQL, as that instance writes it. */
    @Test
    void aPauseAnotherInstanceAsksStopsThisInstancesProcessorUntilItEndsAndNothingIsLostMeanwhile() {
        String group = "assets-redis";
        var processor = processing.eventProcessorByProcessingGroup(group, StreamingEventProcessor.class).orElseThrow();
        ChariotClient cli = newTenant();
        try {
            jdbc.update("INSERT INTO read_model_pause (processing_group, requested_by) VALUES (?, 'another-instance')",
                    group);
            follower.poll();

            assertThat(processor.isRunning()).isFalse();
            assertThat(follower.pausedHere()).containsExactly(group);
            // This instance's own rebuild of the group is refused while the other holds it.
            assertThatThrownBy(() -> pauses.request(java.util.List.of(group)))
                    .hasMessageContaining("another-instance has paused assets-redis");
            // A write meanwhile: stored, acknowledged without the paused model's view (503 after the bound is fine).
            cli.put("/asset", "{\"group\":\"paused.example\",\"identifier\":\"10.9.0.1\",\"status\":\"A\"}");
        } finally {
            jdbc.update("DELETE FROM read_model_pause WHERE processing_group = ?", group);
        }
        follower.poll();

        assertThat(processor.isRunning()).isTrue();
        assertThat(follower.pausedHere()).isEmpty();
        // The write made while paused reaches the model once its processor runs again.
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().untilAsserted(() -> assertThat(
                cli.get("/my/count?key=%23asset").json().get("status").get("A").asLong()).isEqualTo(1));
    }

    @Test
    void aPauseRequestOfAnInstanceThatStoppedRenewingItIsIgnoredAndCanBeTakenOver() {
        String group = "assets-neo4j";
        var processor = processing.eventProcessorByProcessingGroup(group, StreamingEventProcessor.class).orElseThrow();
        try {
            jdbc.update("INSERT INTO read_model_pause (processing_group, requested_by, renewed_at) "
                    + "VALUES (?, 'crashed-instance', now() - interval '1 hour')", group);
            follower.poll();

            assertThat(processor.isRunning()).isTrue();
            pauses.request(java.util.List.of(group));
            assertThat(jdbc.queryForObject("SELECT requested_by FROM read_model_pause WHERE processing_group = ?",
                    String.class, group)).isEqualTo(pauses.self());
        } finally {
            pauses.release(java.util.List.of(group));
            jdbc.update("DELETE FROM read_model_pause WHERE processing_group = ?", group);
        }
    }

    @Test
    void anOperatorListsEveryProjectionWithItsStoreStateAndSegments() {
        ChariotClient ops = clientFor(OPERATOR);
        var r = ops.get("/admin/projections");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode projections = r.json().get("projections");
        assertThat(projections.findValuesAsText("name"))
                .contains("assets-dynamodb", "assets-neo4j", "assets-redis", "risks-neo4j", "accounts-dynamodb");
        JsonNode assets = ops.get("/admin/projections/assets-dynamodb").json();
        assertThat(assets.get("store").asText()).isEqualTo("dynamodb");
        assertThat(assets.get("processingGroup").asText()).isEqualTo("assets-dynamodb");
        assertThat(assets.get("state").asText()).isIn("live", "replaying");
        assertThat(assets.get("segments")).isNotEmpty();
        assertThat(assets.get("lag").isNumber()).isTrue();
    }

    @Test
    void onlyOperatorsReachTheAdminApiAndUnknownNamesAreNotFound() {
        assertThat(newTenant().get("/admin/projections").status()).isEqualTo(403);
        var unknown = clientFor(OPERATOR).get("/admin/projections/nope");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
    }

    @Test
    void aDryRunShowsThePlanAndChangesNothing() {
        ChariotClient ops = clientFor(OPERATOR);
        JsonNode before = ops.get("/admin/projections/assets-redis").json().get("rebuild");
        var plan = ops.post("/admin/projections/assets-redis/rebuild?dryRun=true", "");
        assertThat(plan.status()).isEqualTo(200);
        assertThat(plan.json().get("steps")).isNotEmpty();
        assertThat(plan.json().get("mode").asText()).isEqualTo("in-place");
        // No rebuild was started: whatever the last one was (another test's), it is still the same.
        assertThat(ops.get("/admin/projections/assets-redis").json().get("rebuild")).isEqualTo(before);
    }

    @Test
    void anInPlaceRebuildReplaysTheEventStoreAndHandsBackToKafkaWithoutLosingEventsArrivingMeanwhile() throws Exception {
        ChariotClient cli = newTenant();
        for (int i = 0; i < 20; i++) {
            cli.put("/asset", "{\"group\":\"rebuild.example\",\"identifier\":\"10.7.0." + i + "\",\"status\":\"A\"}");
        }
        AtomicInteger written = new AtomicInteger(20);
        Thread writer = new Thread(() -> {
            for (int i = 20; i < 60; i++) {
                // A write does not wait for a model rebuilt in place (its reads are incomplete until the end).
                var r = cli.put("/asset", "{\"group\":\"rebuild.example\",\"identifier\":\"10.7.0." + i
                        + "\",\"status\":\"A\"}");
                if (r.status() >= 200 && r.status() < 300) {
                    written.incrementAndGet();
                }
            }
        });
        ChariotClient ops = clientFor(OPERATOR);
        writer.start();
        var started = ops.post("/admin/projections/assets-dynamodb/rebuild", "");
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        writer.join(60_000);
        assertThat(written.get()).isEqualTo(60);

        await().atMost(Duration.ofSeconds(90)).ignoreExceptions().untilAsserted(() -> {
            JsonNode status = ops.get("/admin/projections/assets-dynamodb").json();
            assertThat(status.get("rebuild").get("state").asText()).isEqualTo("done");
            assertThat(status.get("rebuild").get("eventsDone").asLong()).isPositive();
            assertThat(status.get("state").asText()).isIn("live", "replaying");
        });
        // Every asset, including those written during the rebuild, is in the rebuilt table exactly once.
        await().atMost(Duration.ofSeconds(90)).ignoreExceptions().untilAsserted(() -> {
            java.util.Set<String> keys = new java.util.TreeSet<>();
            String offset = null;
            int pages = 0;
            do {
                pages++;
                String url = "/my?key=%23asset%23rebuild.example" + (offset == null ? "" : "&offset=" + offset);
                JsonNode page = cli.get(url).json();
                // The last full page still carries an offset; the page after it is empty ({}), as in DynamoDB.
                page.path("assets").forEach(a -> {
                    assertThat(a.get("status").asText()).isEqualTo("A");
                    keys.add(a.get("key").asText());
                });
                offset = page.has("offset") ? page.get("offset").asText() : null;
            } while (offset != null && pages < 40);
            assertThat(keys).hasSize(60);
        });
        assertThat(cli.get("/my/count?key=%23asset").json().get("status").get("A").asLong()).isEqualTo(60);
    }
}
