package io.chariot.file.web;

import io.chariot.api.file.FileCommands;
import io.chariot.api.file.FileNames;
import io.chariot.websupport.tenancy.Caller;
import io.chariot.websupport.web.BadRequestException;
import io.chariot.websupport.web.ForbiddenException;
import io.chariot.websupport.web.NotFoundException;
import io.swagger.v3.oas.annotations.Operation;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;


/**
 * Chariot's {@code /file} API (chariot-api.md §3.4): {@code PUT} and {@code GET} answer {@code {url}}, a short-lived
 * signed URL on this platform ({@link SignedFileController}) that the client follows without auth headers, as it
 * would an S3 presigned URL; {@code DELETE} removes the file and its record together (also in the encrypted space,
 * {@code _encrypted/…}, whose bytes only {@link EncryptedFileController} reads and writes). Files are listed with
 * {@code GET /my?key=#file#}.
 */
@RestController
public class FileController {

    private final CommandGateway commands;
    private final FileContents contents;
    private final FileUrls urls;
    private final TransactionTemplate transactions;

    public FileController(CommandGateway commands, FileContents contents, FileUrls urls,
                          TransactionTemplate transactions) {
        this.commands = commands;
        this.contents = contents;
        this.urls = urls;
        this.transactions = transactions;
    }

    @Operation(summary = "A signed URL to upload a file's raw bytes to (PUT, no auth header)")
    @PutMapping("/file")
    public FileView.SignedUrl upload(Caller caller, @RequestParam String name,
                                      @RequestParam(defaultValue = "false") boolean praetorian) {
        caller.requireWrite();
        if (praetorian) {
            throw new ForbiddenException("the praetorian partition is not available to " + caller.user());
        }
        notEncrypted(name);
        return new FileView.SignedUrl(urls.url("PUT", caller.tenant(), caller.user(), FileNames.check(name)));
    }

    @Operation(summary = "A signed URL to download a file from (GET, no auth header)")
    @GetMapping("/file")
    public FileView.SignedUrl download(Caller caller, @RequestParam String name,
                                        @RequestParam(name = "global", defaultValue = "false") boolean global) {
        FileNames.check(name);
        notEncrypted(name);
        // Shared "global" files are not part of this platform: a tenant's files never answer a global request.
        if (global || !contents.exists(caller.tenant(), name)) {
            throw new NotFoundException("no file " + name);
        }
        return new FileView.SignedUrl(urls.url("GET", caller.tenant(), caller.user(), name));
    }

    @Operation(summary = "Delete a file: its bytes and its record, in one transaction")
    @DeleteMapping("/file")
    public FileView.Files delete(Caller caller, @RequestParam String name) {
        caller.requireWrite();
        var command = FileCommands.DeleteFile.of(caller.tenant(), name, caller.user());
        transactions.executeWithoutResult(tx -> {
            commands.sendAndWait(command);
            contents.delete(caller.tenant(), name);
        });
        return FileView.deleted(caller.tenant(), name);
    }

    /** The encrypted space's bytes are sealed: only {@code /encrypted-file} reads and writes them. */
    private static void notEncrypted(String name) {
        if (EncryptedFileController.isEncrypted(name)) {
            throw new BadRequestException("files under " + EncryptedFileController.PARTITION
                    + " are read and written through /encrypted-file");
        }
    }

}
