package io.chariot.personal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.chariot.api.risk.RiskEvents.RiskStatusChanged;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;

import java.time.Instant;

/**
 * What encrypting personal fields costs the event serializer (BENCHMARKS.md): Axon's JacksonSerializer with and
 * without {@link PersonalDataModule}, serializing and deserializing one {@code RiskStatusChanged} (by and comment
 * marked), keys cached. Not a test: run it, e.g.
 * {@code ./mvnw -o -q -pl personal-data test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=io.chariot.personal.SerializerCost}.
 */
public final class SerializerCost {

    private static final int ROUNDS = 5;
    private static final int EVENTS = 200_000;
    private static final int USERS = 50;

    public static void main(String[] args) throws java.io.IOException {
        System.out.println("load average before: " + loadAverage());
        ObjectMapper base = new ObjectMapper().registerModule(new JavaTimeModule());
        Serializer plain = JacksonSerializer.builder().objectMapper(base.copy()).build();
        Serializer encrypting = JacksonSerializer.builder().objectMapper(base.copy()
                .registerModule(new PersonalDataModule(new PersonalFieldCipher(new MapTenantKeys())))).build();
        RiskStatusChanged[] events = new RiskStatusChanged[EVENTS];
        for (int i = 0; i < EVENTS; i++) {
            events[i] = new RiskStatusChanged("tenant-" + (i % 10) + "@example.com", "#risk#example.com#CVE-" + i,
                    "TH", "OH", 3, 0, "confirmed by the on-call engineer, ticket " + i,
                    "user-" + (i % USERS) + "@example.com", Instant.parse("2026-11-30T05:00:00Z"));
        }
        for (int round = 1; round <= ROUNDS; round++) {
            System.out.printf("round %d  plain: %s  encrypting: %s%n", round, measure(plain, events),
                    measure(encrypting, events));
        }
        System.out.println("load average after: " + loadAverage());
    }

    /** The machine's load: these numbers mean little on a busy machine (BENCHMARKS.md says what it was). */
    private static String loadAverage() throws java.io.IOException {
        java.nio.file.Path proc = java.nio.file.Path.of("/proc/loadavg");
        return java.nio.file.Files.exists(proc) ? java.nio.file.Files.readString(proc).trim() : "unknown";
    }

    private static String measure(Serializer serializer, RiskStatusChanged[] events) {
        @SuppressWarnings("unchecked")
        SerializedObject<byte[]>[] stored = new SerializedObject[events.length];
        long start = System.nanoTime();
        for (int i = 0; i < events.length; i++) {
            stored[i] = serializer.serialize(events[i], byte[].class);
        }
        long serialized = System.nanoTime();
        long check = 0;
        for (SerializedObject<byte[]> s : stored) {
            RiskStatusChanged read = serializer.deserialize(s);
            check += read.by().length();
        }
        long deserialized = System.nanoTime();
        if (check == 0) {
            throw new AssertionError();
        }
        return String.format("write %.2f µs, read %.2f µs per event (%d bytes)",
                (serialized - start) / 1000.0 / events.length, (deserialized - serialized) / 1000.0 / events.length,
                stored[0].getData().length);
    }
}
