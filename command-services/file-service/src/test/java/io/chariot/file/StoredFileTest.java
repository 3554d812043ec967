package io.chariot.file;

import io.chariot.api.file.FileCommands.DeleteFile;
import io.chariot.api.file.FileCommands.RecordUpload;
import io.chariot.api.file.FileEvents.FileDeleted;
import io.chariot.api.file.FileEvents.FileUploaded;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The file record's rules: what an upload and a deletion record, and what they refuse. */
class StoredFileTest {

    private static final Instant EARLIER = Instant.parse("2025-05-01T08:00:00Z");
    private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
    private static final String TENANT = "user@example.com";
    private static final String NAME = "proofs/example.com/CVE-2024-1";
    private static final String KEY = "#file#" + NAME;
    private static final String SHA = "a".repeat(64);
    private static final String OTHER_SHA = "b".repeat(64);

    private FixtureConfiguration<StoredFile> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(StoredFile.class);
    }

    @Test
    void anUploadRecordsNameSizeDigestWhoAndWhen() {
        fixture.givenCurrentTime(NOW)
               .when(RecordUpload.of(TENANT, NAME, 12, SHA, "alice"))
               .expectEvents(new FileUploaded(TENANT, KEY, NAME, 12, SHA, "alice", NOW));
    }

    @Test
    void everyReUploadIsRecordedAsANewVersion() {
        fixture.givenCurrentTime(NOW).andGiven(new FileUploaded(TENANT, KEY, NAME, 12, SHA, "alice", EARLIER))
               .when(RecordUpload.of(TENANT, NAME, 3, OTHER_SHA, "bob"))
               .expectEvents(new FileUploaded(TENANT, KEY, NAME, 3, OTHER_SHA, "bob", NOW));
    }

    @Test
    void aDigestThatIsNotSha256HexIsRejected() {
        fixture.givenCurrentTime(NOW)
               .when(RecordUpload.of(TENANT, NAME, 12, "not-a-digest", "alice"))
               .expectException(IllegalArgumentException.class)
               .expectNoEvents();
    }

    @Test
    void aNegativeSizeIsRejected() {
        fixture.givenCurrentTime(NOW)
               .when(RecordUpload.of(TENANT, NAME, -1, SHA, "alice"))
               .expectException(IllegalArgumentException.class)
               .expectNoEvents();
    }

    @Test
    void unsafeNamesNeverBecomeCommands() {
        for (String name : new String[]{"../etc/passwd", "/etc/passwd", "a/../b", "a//b", "a/./b", "C:\\x", "a\\b",
                "a\u0000b", " ", "x".repeat(1025)}) {
            assertThatThrownBy(() -> RecordUpload.of(TENANT, name, 1, SHA, "alice")).as(name)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void deletingAFileRecordsWhoAndWhen() {
        fixture.givenCurrentTime(NOW).andGiven(new FileUploaded(TENANT, KEY, NAME, 12, SHA, "alice", EARLIER))
               .when(DeleteFile.of(TENANT, NAME, "bob"))
               .expectEvents(new FileDeleted(TENANT, KEY, NAME, "bob", NOW));
    }

    @Test
    void deletingAFileThatDoesNotExistIsNotFound() {
        fixture.givenNoPriorActivity().when(DeleteFile.of(TENANT, NAME, "bob"))
               .expectException(AggregateNotFoundException.class).expectNoEvents();
        fixture.givenCurrentTime(NOW).andGiven(new FileUploaded(TENANT, KEY, NAME, 12, SHA, "alice", EARLIER),
                                              new FileDeleted(TENANT, KEY, NAME, "bob", EARLIER))
               .when(DeleteFile.of(TENANT, NAME, "bob"))
               .expectException(AggregateNotFoundException.class).expectNoEvents();
    }

    @Test
    void aDeletedFileCanBeUploadedAgain() {
        fixture.givenCurrentTime(NOW).andGiven(new FileUploaded(TENANT, KEY, NAME, 12, SHA, "alice", EARLIER),
                                              new FileDeleted(TENANT, KEY, NAME, "bob", EARLIER))
               .when(RecordUpload.of(TENANT, NAME, 5, OTHER_SHA, "carol"))
               .expectEvents(new FileUploaded(TENANT, KEY, NAME, 5, OTHER_SHA, "carol", NOW));
    }
}
