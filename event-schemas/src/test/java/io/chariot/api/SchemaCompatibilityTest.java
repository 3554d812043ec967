package io.chariot.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.chariot.api.asset.AssetEvents;
import io.chariot.api.probe.ProbeEvents.ProbeScanned;
import io.chariot.api.probe.ProbeEvents.ProbeScannedV1ToV2;
import io.chariot.api.probe.ProbeEvents.ProbeSeen;
import io.chariot.api.probe.ProbeEvents.ProbeSeenEdited;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

/**
 * The compatibility gate of the published language (event-schemas/README.md). For every event in
 * {@link PublishedEvents}: a snapshot of its current revision is committed, the snapshot still matches the record's
 * shape, and every revision above 1 is reachable by upcasters. {@code -Dchariot.schemas.write=true} writes the
 * snapshots of revisions that have none; it never overwrites one.
 */
class SchemaCompatibilityTest {

    private static final Path ROOT = EventSchemas.resourcesRoot();

    @TestFactory
    Stream<DynamicTest> everyPublishedEventHasASnapshotOfItsCurrentRevision() {
        return PublishedEvents.all().stream().map(event -> dynamicTest(name(event), () -> {
            List<String> problems = missingSnapshot(event, ROOT, EventSchemas.writeRequested());
            if (!problems.isEmpty()) {
                fail(String.join("\n", problems));
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> noPublishedEventChangedShapeWithoutANewRevision() {
        return PublishedEvents.all().stream().map(event -> dynamicTest(name(event), () -> {
            missingSnapshot(event, ROOT, EventSchemas.writeRequested());
            List<String> problems = shapeChanges(event, ROOT);
            if (!problems.isEmpty()) {
                fail(String.join("\n", problems));
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> everyRevisionAboveOneHasAnUpcasterFromThePreviousRevision() {
        return PublishedEvents.all().stream().map(event -> dynamicTest(name(event), () -> {
            List<String> problems = missingUpcasters(event, EventUpcasters.all());
            if (!problems.isEmpty()) {
                fail(String.join("\n", problems));
            }
        }));
    }

    @Test
    void everyCommittedSnapshotBelongsToAPublishedEventRevision() throws IOException {
        Path schemas = ROOT.resolve("schemas");
        Set<String> expected = new java.util.HashSet<>();
        for (Class<?> event : PublishedEvents.all()) {
            int current = Integer.parseInt(PublishedEvents.revisionOf(event));
            for (int r = 1; r <= current; r++) {
                expected.add(PublishedEvents.schemaPath(event, String.valueOf(r)));
            }
        }
        if (!Files.isDirectory(schemas)) {
            return;
        }
        try (Stream<Path> files = Files.walk(schemas)) {
            List<String> orphans = files.filter(Files::isRegularFile)
                                        .map(f -> "schemas/" + schemas.relativize(f).toString().replace('\\', '/'))
                                        .filter(f -> !expected.contains(f))
                                        .sorted()
                                        .toList();
            assertThat(orphans)
                    .as("snapshots of events that are no longer published (an event was removed or renamed, "
                        + "or its revision went down): published events are never removed")
                    .isEmpty();
        }
    }

    // --- the gate can fail -------------------------------------------------------------------------------------

    @Test
    void aShapeChangedWithoutANewRevisionIsReportedFieldByField(@TempDir Path root) {
        // The committed snapshot of "ProbeSeenEdited" revision 1 is the shape as first published (ProbeSeen).
        EventSchemas.writeIfMissing(EventSchemas.snapshotFile(root, ProbeSeenEdited.class, "1"),
                                    EventSchemas.generate(ProbeSeen.class));

        List<String> problems = shapeChanges(ProbeSeenEdited.class, root);

        assertThat(problems).hasSize(1);
        assertThat(problems.get(0))
                .contains("ProbeSeenEdited revision 1 changed shape")
                .contains("/properties/ttl/type: \"integer\" became \"string\"")
                .contains("/properties/key: removed")
                .contains("/properties/scanner: added")
                .contains("/required: ");
    }

    @Test
    void anUnchangedShapeIsNotReported(@TempDir Path root) {
        EventSchemas.writeIfMissing(EventSchemas.snapshotFile(root, ProbeSeen.class, "1"),
                                    EventSchemas.generate(ProbeSeen.class));

        assertThat(shapeChanges(ProbeSeen.class, root)).isEmpty();
    }

    @Test
    void aMissingSnapshotIsReportedWithTheCommandThatWritesIt(@TempDir Path root) {
        List<String> problems = missingSnapshot(ProbeSeen.class, root, false);

        assertThat(problems).singleElement().asString()
                            .contains("no schema snapshot for ProbeSeen revision 1")
                            .contains("schemas/probe/ProbeSeen/1.json")
                            .contains("-Dchariot.schemas.write=true");
        assertThat(EventSchemas.snapshotFile(root, ProbeSeen.class, "1")).doesNotExist();
    }

    @Test
    void writeModeWritesAMissingSnapshotButNeverOverwritesOne(@TempDir Path root) throws IOException {
        Path file = EventSchemas.snapshotFile(root, ProbeSeenEdited.class, "1");

        assertThat(missingSnapshot(ProbeSeenEdited.class, root, true)).isEmpty();
        assertThat(EventSchemas.readSnapshot(file)).contains(EventSchemas.generate(ProbeSeenEdited.class));

        Files.writeString(file, EventSchemas.toJson(EventSchemas.generate(ProbeSeen.class)));
        assertThat(missingSnapshot(ProbeSeenEdited.class, root, true)).isEmpty();
        assertThat(EventSchemas.readSnapshot(file)).contains(EventSchemas.generate(ProbeSeen.class));
        assertThat(shapeChanges(ProbeSeenEdited.class, root)).isNotEmpty();
    }

    @Test
    void aSecondRevisionWithoutAnUpcasterIsReported() {
        assertThat(missingUpcasters(ProbeScanned.class, List.of()))
                .singleElement().asString()
                .contains("ProbeScanned is at revision 2 but no upcaster from revision 1 to 2 is registered")
                .contains("EventUpcasters");
    }

    @Test
    void aSecondRevisionWithItsUpcasterPasses() {
        assertThat(missingUpcasters(ProbeScanned.class, List.of(new ProbeScannedV1ToV2()))).isEmpty();
    }

    @Test
    void theGeneratedSchemaIsDraft2020WithComponentsInDeclarationOrderAllRequired() {
        JsonNode schema = EventSchemas.generate(AssetEvents.AssetDiscovered.class);

        assertThat(schema.path("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
        assertThat(schema.path("type").asText()).isEqualTo("object");
        List<String> components = EventSchemas.componentNames(AssetEvents.AssetDiscovered.class);
        assertThat(EventSchemas.propertyNames(schema)).containsExactlyElementsOf(components);
        List<String> required = new ArrayList<>();
        schema.path("required").forEach(n -> required.add(n.asText()));
        assertThat(required).containsExactlyElementsOf(components);
        assertThat(schema.at("/properties/at").toString()).isEqualTo("{\"type\":\"string\",\"format\":\"date-time\"}");
        assertThat(schema.at("/properties/ttl/type").asText()).isEqualTo("integer");
        assertThat(schema.at("/properties/privateAddress/type").asText()).isEqualTo("boolean");
        assertThat(schema.at("/properties/attackSurface/items/type").asText()).isEqualTo("string");
    }

    // --- the checks ----------------------------------------------------------------------------------------------

    /** (a) The snapshot of the current revision exists; in write mode, a missing one is written. */
    static List<String> missingSnapshot(Class<?> event, Path root, boolean write) {
        String revision = PublishedEvents.revisionOf(event);
        Path file = EventSchemas.snapshotFile(root, event, revision);
        if (Files.exists(file)) {
            return List.of();
        }
        if (write && EventSchemas.writeIfMissing(file, EventSchemas.generate(event))) {
            System.out.println("[schemas] wrote " + file + " — review and commit it");
            return List.of();
        }
        return List.of("no schema snapshot for " + event.getSimpleName() + " revision " + revision
                       + " (expected " + relative(file) + "). If this is a new event or a new revision, write it"
                       + " with\n  mvn -pl event-schemas test -Dtest=SchemaCompatibilityTest"
                       + " -Dchariot.schemas.write=true\nthen review and commit the file. Existing snapshots are never"
                       + " overwritten: to change a published event's shape, raise its @Revision and add an"
                       + " upcaster.");
    }

    /** (b) The committed snapshot of the current revision equals the generated schema. */
    static List<String> shapeChanges(Class<?> event, Path root) {
        String revision = PublishedEvents.revisionOf(event);
        Path file = EventSchemas.snapshotFile(root, event, revision);
        JsonNode committed = EventSchemas.readSnapshot(file).orElse(null);
        if (committed == null) {
            return List.of("no schema snapshot for " + event.getSimpleName() + " revision " + revision
                           + " to compare with (" + relative(file) + ")");
        }
        List<String> differences = EventSchemas.differences(committed, EventSchemas.generate(event));
        if (differences.isEmpty()) {
            return List.of();
        }
        return List.of(event.getSimpleName() + " revision " + revision + " changed shape without a new revision ("
                       + relative(file) + "):\n  " + String.join("\n  ", differences)
                       + "\nNever remove or retype a published field. Raise @Revision, register an upcaster from"
                       + " the previous revision in EventUpcasters and write the new snapshot"
                       + " (-Dchariot.schemas.write=true); or undo the change.");
    }

    /** (c) A revision n above 1 is reachable: upcasters from every revision 1..n-1 to the next are registered. */
    static List<String> missingUpcasters(Class<?> event, List<RevisionUpcaster> upcasters) {
        String revision = PublishedEvents.revisionOf(event);
        int current;
        try {
            current = Integer.parseInt(revision);
        } catch (NumberFormatException e) {
            return List.of(event.getSimpleName() + " has revision \"" + revision
                           + "\": revisions are whole numbers counting from 1");
        }
        if (current < 1) {
            return List.of(event.getSimpleName() + " has revision " + current + ": revisions count from 1");
        }
        List<String> problems = new ArrayList<>();
        for (int from = 1; from < current; from++) {
            String fromRevision = String.valueOf(from);
            String toRevision = String.valueOf(from + 1);
            boolean registered = upcasters.stream().anyMatch(u -> u.eventType().equals(event)
                    && u.fromRevision().equals(fromRevision) && u.toRevision().equals(toRevision));
            if (!registered) {
                problems.add(event.getSimpleName() + " is at revision " + current + " but no upcaster from revision "
                             + fromRevision + " to " + toRevision + " is registered: write a RevisionUpcaster and"
                             + " list it in EventUpcasters");
            }
        }
        return problems;
    }

    private static String name(Class<?> event) {
        return PublishedEvents.contextOf(event) + "/" + event.getSimpleName() + " revision "
               + PublishedEvents.revisionOf(event);
    }

    private static String relative(Path file) {
        Path cwd = Path.of("").toAbsolutePath();
        return file.isAbsolute() && file.startsWith(cwd) ? cwd.relativize(file).toString() : file.toString();
    }
}
