package io.chariot.runtime.accounts;

import io.chariot.api.account.SecretHash;
import io.chariot.websupport.security.ApiKeyAuthenticator;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * {@code /token} (and the explorer's sign-in) in every deployable: API keys are checked against the credentials the
 * account context keeps in PostgreSQL ({@code api_key_credential}, written in the same transaction as the key's
 * events, so a key works everywhere as soon as its command answered). The account context only writes them; any
 * service reads them, so a client needs no particular service for a token (ADR 0024).
 */
@Component
class StoredApiKeys implements ApiKeyAuthenticator {

    private final JdbcClient jdbc;
    private final Clock clock = Clock.systemUTC();

    StoredApiKeys(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<String> authenticate(String keyId, String secret) {
        Instant now = clock.instant();
        return jdbc.sql("SELECT tenant, secret_hash, expires, revoked FROM api_key_credential WHERE key_id = :id")
                .param("id", keyId)
                .query((rs, n) -> {
                    Timestamp expires = rs.getTimestamp("expires");
                    boolean live = !rs.getBoolean("revoked") && (expires == null || expires.toInstant().isAfter(now));
                    return live && SecretHash.matches(secret, rs.getString("secret_hash"))
                            ? rs.getString("tenant") : null;
                })
                .optional();
    }
}
