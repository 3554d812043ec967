package io.chariot.file.web;

import io.chariot.api.file.FileEvents.FileDeleted;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;

/**
 * Removes a deleted file's bytes whoever deleted its record: {@code DELETE /file} removes them itself, in its own
 * transaction; a tenant purge only sends {@code DeleteFile}. A subscribing processor (application.yml), so the bytes
 * go in the transaction that stores {@link FileDeleted}. Removing absent bytes changes nothing.
 */
@ProcessingGroup(FileContentsRemover.NAME)
public class FileContentsRemover {

    public static final String NAME = "file-contents";

    private final FileContents contents;

    public FileContentsRemover(FileContents contents) {
        this.contents = contents;
    }

    @EventHandler
    void on(FileDeleted deleted) {
        contents.delete(deleted.tenant(), deleted.name());
    }
}
