package io.chariot.account.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.chariot.api.account.SecretHash;
import io.chariot.api.account.AccountCommands.ApiKeyState;
import io.chariot.api.account.AccountCommands.IssueApiKey;
import io.chariot.api.account.AccountCommands.RevokeApiKey;
import io.chariot.api.input.StoreLimits;
import io.chariot.websupport.tenancy.Caller;
import io.chariot.websupport.web.BadRequestException;
import io.chariot.websupport.web.ForbiddenException;
import io.swagger.v3.oas.annotations.Operation;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * {@code POST /key} issues an API key for the caller's own tenant and answers its secret once; {@code DELETE /key}
 * revokes one. Keys authenticate as their owner with full rights, so they can only be managed on one's own tenant,
 * never through the {@code account} header (403). The id is lower-case RFC 4648 base32 (no padding) of 16 random
 * bytes; only the SHA-256 hash of the secret is stored.
 */
@RestController
public class KeyController {

    public static final String KEY_PREFIX = "#key#";
    private static final String EXPIRES_RANGE = "expires must be between " + StoreLimits.EARLIEST + " and "
            + StoreLimits.LATEST;

    public record KeyRequest(String name, JsonNode expires, String key) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] BASE32 = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();
    private final CommandGateway commands;
    private final Clock clock;

    public KeyController(CommandGateway commands) {
        this.commands = commands;
        this.clock = Clock.systemUTC();
    }

    @Operation(summary = "Issue an API key {name, expires?}; the answer carries its secret, once")
    @PostMapping("/key")
    public KeyView issue(Caller caller, @RequestBody KeyRequest body) {
        requireOwnTenant(caller);
        if (body == null || body.name() == null || body.name().isBlank()) {
            throw new BadRequestException("name is required");
        }
        Instant now = clock.instant();
        Instant expires = expires(body.expires());
        if (expires != null && !expires.isAfter(now)) {
            throw new BadRequestException("expires must be in the future: " + expires);
        }
        String id = newKeyId();
        String secret = SecretHash.newSecret();
        commands.sendAndWait(new IssueApiKey(id, caller.user(), body.name().trim(), SecretHash.of(secret), "admin",
                expires, caller.user()));
        return KeyView.issued(new ApiKeyState(id, caller.user(), body.name().trim(), "admin", now, caller.user(),
                expires, "A", null, null), secret);
    }

    @Operation(summary = "Revoke an API key {key: #key#{id}}: status D; /token refuses it from now on")
    @DeleteMapping("/key")
    public KeyView revoke(Caller caller, @RequestBody KeyRequest body) {
        requireOwnTenant(caller);
        if (body == null || body.key() == null || !body.key().startsWith(KEY_PREFIX)
            || body.key().length() == KEY_PREFIX.length() || body.key().indexOf('#', KEY_PREFIX.length()) >= 0) {
            throw new BadRequestException("key must be #key#{id}");
        }
        String id = body.key().substring(KEY_PREFIX.length());
        ApiKeyState state = commands.sendAndWait(new RevokeApiKey(id, caller.user(), caller.user()));
        return KeyView.of(state);
    }

    private static void requireOwnTenant(Caller caller) {
        if (caller.delegated()) {
            throw new ForbiddenException("API keys are managed on one's own tenant only, not through the account header");
        }
    }

    /** ISO-8601 instant or offset date-time, a date (start of that day, UTC), or epoch seconds. */
    static Instant expires(JsonNode expires) {
        if (expires == null || expires.isNull() || (expires.isTextual() && expires.asText().isBlank())) {
            return null;
        }
        if (expires.isNumber()) {
            if (!expires.canConvertToLong()) {
                throw new BadRequestException(EXPIRES_RANGE);
            }
            long seconds = expires.asLong();
            if (seconds < StoreLimits.EARLIEST.getEpochSecond() || seconds > StoreLimits.LATEST.getEpochSecond()) {
                throw new BadRequestException(EXPIRES_RANGE);
            }
            return Instant.ofEpochSecond(seconds);
        }
        if (!expires.isTextual()) {
            throw new BadRequestException("expires must be an ISO-8601 date-time, a date or epoch seconds");
        }
        String text = expires.asText().trim();
        Instant at;
        try {
            at = OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException notADateTime) {
            try {
                at = LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException notADate) {
                throw new BadRequestException("expires must be an ISO-8601 date-time, a date or epoch seconds: " + text);
            }
        }
        if (at.isBefore(StoreLimits.EARLIEST) || at.isAfter(StoreLimits.LATEST)) {
            throw new BadRequestException(EXPIRES_RANGE);
        }
        return at;
    }

    /** Lower-case RFC 4648 base32 without padding of 16 random bytes (26 characters). */
    static String newKeyId() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return base32(bytes);
    }

    static String base32(byte[] bytes) {
        StringBuilder out = new StringBuilder((bytes.length * 8 + 4) / 5);
        int buffer = 0;
        int bits = 0;
        for (byte b : bytes) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                out.append(BASE32[(buffer >>> (bits - 5)) & 31]);
                bits -= 5;
            }
        }
        if (bits > 0) {
            out.append(BASE32[(buffer << (5 - bits)) & 31]);
        }
        return out.toString();
    }
}
