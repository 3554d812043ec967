package io.chariot.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.chariot.api.asset.AssetEvents;
import io.chariot.api.job.JobEvents;
import io.chariot.api.job.JobResults;
import io.chariot.api.probe.ProbeEvents.ProbeScanned;
import io.chariot.api.probe.ProbeEvents.ProbeScannedV1ToV2;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.axonframework.serialization.upcasting.event.InitialEventRepresentation;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Upcasters written as {@link RevisionUpcaster}s work on what Axon's Jackson serializer stores. */
class RevisionUpcasterTest {

    private static final Instant AT = Instant.parse("2025-03-04T05:06:07Z");

    private final ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule());
    private final JacksonSerializer serializer = JacksonSerializer.builder().objectMapper(mapper).build();

    @Test
    void aStoredRevisionOneEventIsReadAsTheCurrentRecord() throws Exception {
        ObjectNode v1 = mapper.createObjectNode()
                              .put("tenant", "t@example.com").put("key", "#asset#example.com#example.com")
                              .put("by", "alice").put("at", AT.toString());

        IntermediateEventRepresentation upcasted = upcast(stored(ProbeScanned.class, "1", v1));

        assertThat(upcasted.getType()).isEqualTo(new SimpleSerializedType(ProbeScanned.class.getName(), "2"));
        Object event = serializer.deserialize(upcasted.getData());
        assertThat(event).isEqualTo(new ProbeScanned("t@example.com", "#asset#example.com#example.com", "unknown",
                                                     "alice", AT));
    }

    @Test
    void anUpcasterLeavesOtherRevisionsAndTypesAlone() throws Exception {
        ObjectNode v2 = mapper.createObjectNode()
                              .put("tenant", "t").put("key", "k").put("scanner", "nmap")
                              .put("by", "alice").put("at", AT.toString());
        IntermediateEventRepresentation current = upcast(stored(ProbeScanned.class, "2", v2));
        assertThat(current.getType().getRevision()).isEqualTo("2");
        assertThat((Object) serializer.deserialize(current.getData()))
                .isEqualTo(new ProbeScanned("t", "k", "nmap", "alice", AT));

        ObjectNode other = mapper.createObjectNode().put("tenant", "t").put("key", "k").put("ttl", 0)
                                 .put("by", "alice").put("at", AT.toString());
        IntermediateEventRepresentation untouched = upcast(stored(AssetEvents.AssetVisited.class, "1", other));
        assertThat(untouched.getType())
                .isEqualTo(new SimpleSerializedType(AssetEvents.AssetVisited.class.getName(), "1"));
    }

    @Test
    void everyRegisteredUpcasterTargetsAPublishedEventAndStepsOneRevision() {
        Set<String> starts = new HashSet<>();
        for (RevisionUpcaster upcaster : EventUpcasters.all()) {
            assertThat(PublishedEvents.all()).as(upcaster.toString()).contains(upcaster.eventType());
            int from = Integer.parseInt(upcaster.fromRevision());
            int to = Integer.parseInt(upcaster.toRevision());
            assertThat(to).as(upcaster.toString()).isEqualTo(from + 1);
            assertThat(to).as(upcaster + " goes beyond the current revision")
                          .isLessThanOrEqualTo(Integer.parseInt(PublishedEvents.revisionOf(upcaster.eventType())));
            assertThat(starts.add(upcaster.eventType().getName() + "@" + from))
                    .as("two upcasters from the same revision: " + upcaster).isTrue();
        }
    }

    @Test
    void storedRevisionOneJobEventsReadAsJobsWithoutAChainAndRunsWithoutItems() throws Exception {
        String key = "#job#example.com#1.2.3.4#portscan";
        ObjectNode queued = mapper.createObjectNode().put("tenant", "t").put("key", key).put("dns", "example.com")
                                  .put("identifier", "1.2.3.4").put("capability", "portscan")
                                  .put("target", "#asset#example.com#1.2.3.4").put("retries", 1)
                                  .put("timeoutSeconds", 60).put("created", AT.toString()).put("by", "alice")
                                  .put("at", AT.toString());
        queued.putObject("config");
        queued.putArray("credentialIds");
        ObjectNode finished = mapper.createObjectNode().put("tenant", "t").put("key", key).put("status", "JP")
                                    .put("by", "w").put("at", AT.toString());
        finished.putNull("reason");
        EventUpcasterChain chain = EventUpcasters.chain();

        Object q = serializer.deserialize(chain.upcast(Stream.of(stored(JobEvents.JobQueued.class, "1", queued)))
                                               .toList().get(0).getData());
        Object f = serializer.deserialize(chain.upcast(Stream.of(stored(JobEvents.JobFinished.class, "1", finished)))
                                               .toList().get(0).getData());

        assertThat(q).isEqualTo(new JobEvents.JobQueued("t", key, "example.com", "1.2.3.4", "portscan",
                "#asset#example.com#1.2.3.4", java.util.Map.of(), List.of(), 1, 60, null, null, AT, "alice", AT));
        assertThat(f).isEqualTo(new JobEvents.JobFinished("t", key, "JP", null, JobResults.EMPTY, key, "w", AT));
    }

    private InitialEventRepresentation stored(Class<?> type, String revision, ObjectNode payload) throws Exception {
        SerializedType serializedType = new SimpleSerializedType(type.getName(), revision);
        byte[] bytes = mapper.writeValueAsBytes(payload);
        GenericDomainEventEntry<byte[]> entry = new GenericDomainEventEntry<>(
                "Asset", "t#asset#example.com#example.com", 0, "event-1", AT, serializedType.getName(),
                serializedType.getRevision(), bytes, "{}".getBytes());
        return new InitialEventRepresentation(entry, serializer);
    }

    private IntermediateEventRepresentation upcast(InitialEventRepresentation representation) {
        EventUpcasterChain chain = new EventUpcasterChain(List.of(new ProbeScannedV1ToV2()));
        List<IntermediateEventRepresentation> out = chain.upcast(Stream.of(representation)).toList();
        assertThat(out).hasSize(1);
        return out.get(0);
    }
}
