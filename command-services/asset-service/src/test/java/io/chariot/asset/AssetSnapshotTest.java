package io.chariot.asset;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.chariot.api.asset.AssetCommands.AddAttribute;
import io.chariot.api.asset.AssetCommands.AssetState;
import io.chariot.api.asset.AssetCommands.RemoveAttribute;
import io.chariot.api.asset.AssetCommands.UpdateAsset;
import io.chariot.api.asset.AssetCommands.UpsertAsset;
import io.chariot.asset.config.AssetConfiguration;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Snapshots of the asset aggregate, through Axon's real snapshotter and repository with the snapshot trigger from
 * {@link AssetConfiguration}, serialized with Jackson as in production.
 */
class AssetSnapshotTest {

    private static final String TENANT = "user@example.com";
    private static final String KEY = "#asset#example.com#www.example.com";
    private static final String ID = TENANT + KEY;

    private final JacksonSerializer serializer =
            JacksonSerializer.builder().objectMapper(new ObjectMapper().registerModule(new JavaTimeModule())).build();
    private final SerializingSnapshots storage = new SerializingSnapshots(serializer);
    private final Configuration axon = DefaultConfigurer
            .defaultConfiguration()
            .configureSerializer(c -> serializer)
            .configureEmbeddedEventStore(c -> storage)
            .configureAggregate(AggregateConfigurer.defaultConfiguration(Asset.class).configureSnapshotTrigger(
                    c -> new AssetConfiguration().assetSnapshotTrigger(c.snapshotter())))
            .start();
    private final CommandGateway commands = axon.commandGateway();

    @AfterEach
    void shutDown() {
        axon.shutdown();
    }

    @Test
    void anAssetIsSnapshottedOnceItHasMoreThanAHundredEvents() {
        upsert();
        commands.sendAndWait(AddAttribute.of(TENANT, KEY, "https", "443", "nuclei", "alice"));
        for (int i = 0; i < 97; i++) {
            upsert();
        }
        assertThat(storage.stored).as("no snapshot at 99 events").hasValue(0);

        for (int i = 0; i < 3; i++) {
            upsert();
        }
        assertThat(storage.stored).as("a snapshot once past 100 events").hasValue(1);
    }

    @Test
    void anAssetLoadedFromItsJacksonSnapshotHasItsFullState() {
        AssetState first = upsert();
        commands.sendAndWait(AddAttribute.of(TENANT, KEY, "https", "443", "nuclei", "alice"));
        for (int i = 0; i < 105; i++) {
            upsert();
        }
        assertThat(storage.stored.get()).isPositive();
        int loadsBefore = storage.loadedFromSnapshot.get();

        AssetState updated = commands.sendAndWait(UpdateAsset.of(TENANT, KEY, "F", List.of("external"), null,
                                                                 "alice"));
        assertThat(storage.loadedFromSnapshot.get()).isGreaterThan(loadsBefore);
        assertThat(updated.created()).isEqualTo(first.created());
        assertThat(updated).usingRecursiveComparison()
                           .ignoringFields("status", "attackSurface", "visited", "updated", "ttl")
                           .isEqualTo(first);
        assertThat(updated.status()).isEqualTo("F");
        assertThat(updated.attackSurface()).containsExactly("external");
        assertThat(updated.ttl()).isGreaterThanOrEqualTo(first.ttl());

        // The attribute came back with the snapshot: adding it again applies nothing; removing it works.
        long eventsBefore = storage.eventCount(ID);
        commands.sendAndWait(AddAttribute.of(TENANT, KEY, "https", "443", "nuclei", "alice"));
        assertThat(storage.eventCount(ID)).isEqualTo(eventsBefore);
        commands.sendAndWait(RemoveAttribute.of(TENANT, "#attribute#https#443" + KEY, "alice"));
        assertThat(storage.eventCount(ID)).isEqualTo(eventsBefore + 1);
    }

    private AssetState upsert() {
        return commands.sendAndWait(UpsertAsset.of(TENANT, "example.com", "www.example.com", null, null, null, null,
                                                   "scanner"));
    }

    /** Keeps snapshots as a real store does, serialized: every load deserializes a fresh aggregate. */
    static final class SerializingSnapshots extends InMemoryEventStorageEngine {

        private final Serializer serializer;
        private final Map<String, Stored> snapshots = new ConcurrentHashMap<>();
        final AtomicInteger stored = new AtomicInteger();
        final AtomicInteger loadedFromSnapshot = new AtomicInteger();

        private record Stored(String type, long sequence, SerializedObject<byte[]> payload) {
        }

        SerializingSnapshots(Serializer serializer) {
            this.serializer = serializer;
        }

        @Override
        public void storeSnapshot(DomainEventMessage<?> snapshot) {
            snapshots.put(snapshot.getAggregateIdentifier(),
                          new Stored(snapshot.getType(), snapshot.getSequenceNumber(),
                                     serializer.serialize(snapshot.getPayload(), byte[].class)));
            stored.incrementAndGet();
        }

        @Override
        public Optional<DomainEventMessage<?>> readSnapshot(String aggregateIdentifier) {
            Stored s = snapshots.get(aggregateIdentifier);
            if (s == null) {
                return Optional.empty();
            }
            loadedFromSnapshot.incrementAndGet();
            Object aggregate = serializer.deserialize(s.payload());
            return Optional.of(new GenericDomainEventMessage<>(s.type(), aggregateIdentifier, s.sequence(),
                                                               aggregate));
        }

        long eventCount(String aggregateIdentifier) {
            return readEvents(aggregateIdentifier, 0).asStream().count();
        }
    }
}
