package io.chariot.file.web;

import io.chariot.api.file.FileCommands;
import io.chariot.api.file.FileNames;
import io.chariot.file.web.SignedFileController.FileLimits;
import io.chariot.websupport.secrets.SecretBox;
import io.chariot.websupport.tenancy.Caller;
import io.chariot.websupport.web.BadRequestException;
import io.chariot.websupport.web.NotFoundException;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletRequest;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;

/**
 * The encrypted space: files named {@code _encrypted/…} go through {@code PUT}/{@code GET /encrypted-file?name=}
 * with the bearer token and the raw bytes in the body (praetorian-cli sends them with its usual JSON content type),
 * never through signed URLs. Their bytes are sealed at rest with the platform's secrets key ({@link SecretBox},
 * AES-256-GCM, tenant + file key as associated data); their record, listing ({@code GET /my?key=#file#_encrypted/})
 * and deletion ({@code DELETE /file}) are a file's like any other.
 */
@RestController
public class EncryptedFileController {

    public static final String PARTITION = "_encrypted/";

    private final CommandGateway commands;
    private final FileContents contents;
    private final SecretBox box;
    private final TransactionTemplate transactions;
    private final long maxBytes;
    private final Clock clock = Clock.systemUTC();

    public EncryptedFileController(CommandGateway commands, FileContents contents, SecretBox box,
                                   TransactionTemplate transactions, FileLimits limits) {
        this.commands = commands;
        this.contents = contents;
        this.box = box;
        this.transactions = transactions;
        this.maxBytes = limits.maxBytes();
    }

    @Operation(summary = "Store a file of the encrypted space (_encrypted/…): the raw bytes are the body")
    @PutMapping("/encrypted-file")
    public FileView.Files put(Caller caller, @RequestParam String name, HttpServletRequest request)
            throws IOException {
        caller.requireWrite();
        encrypted(name);
        if (request.getContentLengthLong() > maxBytes) {
            throw new TooLarge();
        }
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
        }
        if (body.length > maxBytes) {
            throw new TooLarge();
        }
        String sha256 = sha256(body);
        byte[] sealed = box.sealBytes(body, associatedData(caller.tenant(), name));
        var command = FileCommands.RecordUpload.of(caller.tenant(), name, body.length, sha256, caller.user());
        transactions.executeWithoutResult(tx -> {
            contents.put(caller.tenant(), name, sealed, sha256, clock.instant());
            commands.sendAndWait(command);
        });
        return FileView.stored(caller.tenant(), name, body.length, sha256);
    }

    @Operation(summary = "Read a file of the encrypted space (_encrypted/…): the raw bytes")
    @GetMapping("/encrypted-file")
    public ResponseEntity<byte[]> get(Caller caller, @RequestParam String name) {
        encrypted(name);
        byte[] sealed = contents.get(caller.tenant(), name).orElseThrow(() -> new NotFoundException("no file " + name));
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_OCTET_STREAM)
                .body(box.openBytes(sealed, associatedData(caller.tenant(), name)));
    }

    @ExceptionHandler(TooLarge.class)
    ProblemDetail tooLarge() {
        return ProblemDetail.forStatusAndDetail(HttpStatus.PAYLOAD_TOO_LARGE, "file exceeds " + maxBytes + " bytes");
    }

    /** Whether a name belongs to the encrypted space (which signed URLs never serve). */
    static boolean isEncrypted(String name) {
        return name != null && name.startsWith(PARTITION);
    }

    private static void encrypted(String name) {
        FileNames.check(name);
        if (!isEncrypted(name)) {
            throw new BadRequestException("/encrypted-file serves names under " + PARTITION + " only: " + name);
        }
    }

    private static String associatedData(String tenant, String name) {
        return tenant + FileNames.key(name);
    }

    private static String sha256(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static final class TooLarge extends RuntimeException {
    }
}
