package io.chariot.api.file;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Commands of the file context. The aggregate identifier is tenant + {@code #file#{name}}. */
public final class FileCommands {

    private FileCommands() {
    }

    public static String aggregateId(String tenant, String key) {
        if (tenant == null || tenant.isBlank() || tenant.contains("#")) {
            throw new IllegalArgumentException("tenant is required and must not contain '#': " + tenant);
        }
        return tenant + key;
    }

    /** A file record as it is once a command has been handled. */
    public record FileState(String key, String name, long size, String sha256, Instant updated, boolean present) {
    }

    /** Records that {@code size} bytes with digest {@code sha256} were stored under {@code name}. */
    public record RecordUpload(@TargetAggregateIdentifier String fileId, String tenant, String name, long size,
                               String sha256, String by) {

        public static RecordUpload of(String tenant, String name, long size, String sha256, String by) {
            String key = FileNames.key(name);
            return new RecordUpload(aggregateId(tenant, key), tenant, FileNames.check(name), size, sha256, by);
        }
    }

    public record DeleteFile(@TargetAggregateIdentifier String fileId, String tenant, String name, String by) {

        public static DeleteFile of(String tenant, String name, String by) {
            String key = FileNames.key(name);
            return new DeleteFile(aggregateId(tenant, key), tenant, FileNames.check(name), by);
        }
    }
}
