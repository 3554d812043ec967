package io.chariot.file.web;

import io.chariot.api.file.FileCommands;
import io.chariot.api.file.FileNames;
import io.chariot.websupport.web.ForbiddenException;
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
import java.util.HexFormat;

/**
 * The signed file URLs themselves: no bearer token, the signature is the credential ({@link UrlSigner}). A PUT
 * stores the raw body (up to {@code chariot.files.max-bytes}) and records the upload in one transaction; a GET
 * returns the bytes. An expired, tampered or foreign signature is 403 and touches nothing.
 */
@RestController
public class SignedFileController {

    private final UrlSigner signer;
    private final FileContents contents;
    private final CommandGateway commands;
    private final TransactionTemplate transactions;
    private final long maxBytes;

    public SignedFileController(UrlSigner signer, FileContents contents, CommandGateway commands,
                                TransactionTemplate transactions, FileLimits limits) {
        this.signer = signer;
        this.contents = contents;
        this.commands = commands;
        this.transactions = transactions;
        this.maxBytes = limits.maxBytes();
    }

    /** The upload limit, in bytes. */
    public record FileLimits(long maxBytes) {
    }

    @Operation(summary = "Upload a file's raw bytes to a URL from PUT /file (signed; no auth header)")
    @PutMapping(FileUrls.PATH)
    public ResponseEntity<Void> put(@RequestParam String tenant, @RequestParam String user, @RequestParam String name,
                                    @RequestParam long expires, @RequestParam String signature,
                                    HttpServletRequest request) throws IOException {
        verify("PUT", tenant, user, name, expires, signature);
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
        var command = FileCommands.RecordUpload.of(tenant, name, body.length, sha256, user);
        transactions.executeWithoutResult(tx -> {
            contents.put(tenant, name, body, sha256, signer.now());
            commands.sendAndWait(command);
        });
        return ResponseEntity.ok().build();
    }

    @Operation(summary = "Download a file's raw bytes from a URL from GET /file (signed; no auth header)")
    @GetMapping(FileUrls.PATH)
    public ResponseEntity<byte[]> get(@RequestParam String tenant, @RequestParam String user,
                                      @RequestParam String name, @RequestParam long expires,
                                      @RequestParam String signature) {
        verify("GET", tenant, user, name, expires, signature);
        byte[] body = contents.get(tenant, name).orElseThrow(() -> new NotFoundException("no file " + name));
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_OCTET_STREAM).body(body);
    }

    @ExceptionHandler(TooLarge.class)
    ProblemDetail tooLarge() {
        return ProblemDetail.forStatusAndDetail(HttpStatus.PAYLOAD_TOO_LARGE,
                "file exceeds " + maxBytes + " bytes");
    }

    private void verify(String method, String tenant, String user, String name, long expires, String signature) {
        try {
            signer.verify(new UrlSigner.Grant(method, tenant, user, name, expires), signature);
        } catch (UrlSigner.InvalidSignature e) {
            throw new ForbiddenException("invalid file URL: " + e.getMessage());
        }
        FileNames.check(name);
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
