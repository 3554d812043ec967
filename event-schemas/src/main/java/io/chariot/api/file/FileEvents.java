package io.chariot.api.file;

import io.chariot.api.personal.PersonalData;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * Events of the file context: a tenant's stored files ({@code #file#{name}}, chariot-api.md §2.5). The bytes are not
 * events; each upload records what was stored (size and SHA-256) so the listing rebuilds from the event store.
 */
public final class FileEvents {

    private FileEvents() {
    }

    /** A file was stored, new or replacing an earlier version. */
    @Revision("1")
    public record FileUploaded(String tenant, String key, String name, long size, String sha256,
                               @PersonalData String by,
                               Instant at) {
    }

    @Revision("1")
    public record FileDeleted(String tenant, String key, String name, @PersonalData String by, Instant at) {
    }
}
