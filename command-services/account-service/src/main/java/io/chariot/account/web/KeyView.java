package io.chariot.account.web;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.chariot.api.account.AccountCommands.ApiKeyState;

import java.time.Instant;

/**
 * Chariot's Key shape, never with the secret's hash; the secret itself only in the answer that issued the key.
 * Absent values are left out of the JSON (the application's non-null inclusion).
 */
@JsonPropertyOrder({"username", "key", "id", "name", "created", "creator", "status", "expires", "role", "deleted",
        "deleter", "secret"})
public record KeyView(String username, String key, String id, String name, String created, String creator,
                      String status, String expires, String role, String deleted, String deleter, String secret) {

    static KeyView of(ApiKeyState s) {
        return issued(s, null);
    }

    static KeyView issued(ApiKeyState s, String secret) {
        return new KeyView(s.tenant(), KeyController.KEY_PREFIX + s.keyId(), s.keyId(), s.name(), time(s.created()),
                s.creator(), s.status(), time(s.expires()), s.role(), time(s.deleted()),
                s.deleted() == null ? null : s.deleter(), secret);
    }

    private static String time(Instant at) {
        return at == null ? null : at.toString();
    }
}
