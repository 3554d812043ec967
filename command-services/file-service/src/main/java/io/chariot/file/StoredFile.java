package io.chariot.file;

import io.chariot.api.input.CommandTargets;
import io.chariot.api.file.FileCommands;
import io.chariot.api.file.FileCommands.DeleteFile;
import io.chariot.api.file.FileCommands.FileState;
import io.chariot.api.file.FileCommands.RecordUpload;
import io.chariot.api.file.FileEvents.FileDeleted;
import io.chariot.api.file.FileEvents.FileUploaded;
import io.chariot.api.file.FileNames;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Instant;
import java.util.regex.Pattern;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * The record of one stored file of a tenant ({@code #file#{name}}, chariot-api.md §2.5), identified by tenant + key.
 * The bytes live outside the event store; this aggregate records each upload (size, SHA-256, who, when) and the
 * deletion, so the file listing rebuilds from events.
 * <p>
 * Rules: the name is a safe relative path ({@link FileNames}); the size is not negative and the digest is 64
 * lower-case hex characters; every upload is recorded, even of identical bytes (it is a new write); deleting needs
 * a file that exists; a deleted file can be uploaded again.
 */
@Aggregate
public class StoredFile {

    private static final Pattern SHA256 = Pattern.compile("^[0-9a-f]{64}$");

    @AggregateIdentifier
    private String fileId;
    private String tenant;
    private String key;
    private String name;
    private long size;
    private String sha256;
    private Instant updated;
    private boolean present;

    protected StoredFile() {
        // for Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public FileState handle(RecordUpload command) {
        String k = FileNames.key(command.name());
        requireTarget(command.fileId(), command.tenant(), k);
        if (command.size() < 0) {
            throw new IllegalArgumentException("size must not be negative");
        }
        if (command.sha256() == null || !SHA256.matcher(command.sha256()).matches()) {
            throw new IllegalArgumentException("sha256 must be 64 lower-case hex characters");
        }
        apply(new FileUploaded(command.tenant(), k, command.name(), command.size(), command.sha256(), command.by(),
                GenericEventMessage.clock.instant()));
        return state();
    }

    @CommandHandler
    public FileState handle(DeleteFile command) {
        requireTarget(command.fileId(), command.tenant(), FileNames.key(command.name()));
        if (!present) {
            throw new AggregateNotFoundException(command.fileId(), "no file " + command.name());
        }
        apply(new FileDeleted(tenant, key, name, command.by(), GenericEventMessage.clock.instant()));
        return state();
    }

    @EventSourcingHandler
    void on(FileUploaded e) {
        fileId = FileCommands.aggregateId(e.tenant(), e.key());
        tenant = e.tenant();
        key = e.key();
        name = e.name();
        size = e.size();
        sha256 = e.sha256();
        updated = e.at();
        present = true;
    }

    @EventSourcingHandler
    void on(FileDeleted e) {
        present = false;
        updated = e.at();
    }

    private static void requireTarget(String commandId, String commandTenant, String k) {
        CommandTargets.require("file", commandId, FileCommands.aggregateId(commandTenant, k), commandTenant, k, null);
    }

    private FileState state() {
        return new FileState(key, name, size, sha256, updated, present);
    }
}
