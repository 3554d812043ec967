package io.chariot.account.token;

import io.chariot.api.account.AccountEvents.ApiKeyIssued;
import io.chariot.api.account.AccountEvents.ApiKeyRevoked;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.sql.Timestamp;
import java.util.Optional;

/**
 * The credentials {@code /token} checks, projected synchronously (subscribing processor, same transaction as the
 * event append) from the ApiKey events into PostgreSQL. Every deployable checks keys against them with the runtime's
 * reader ({@code io.chariot.runtime.accounts.StoredApiKeys}, ADR 0024).
 */
@ProcessingGroup(ApiKeyCredentials.PROCESSING_GROUP)
public class ApiKeyCredentials {

    public static final String PROCESSING_GROUP = "api-key-credentials";
    private final JdbcClient jdbc;

    public ApiKeyCredentials(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(ApiKeyIssued e) {
        jdbc.sql("""
                        INSERT INTO api_key_credential (key_id, tenant, name, secret_hash, role, expires, issued_at)
                        VALUES (:id, :tenant, :name, :hash, :role, :expires, :at)
                        ON CONFLICT (key_id) DO NOTHING""")
                .param("id", e.keyId()).param("tenant", e.tenant()).param("name", e.name())
                .param("hash", e.secretHash()).param("role", e.role() == null ? "admin" : e.role())
                .param("expires", e.expires() == null ? null : Timestamp.from(e.expires()))
                .param("at", Timestamp.from(e.at()))
                .update();
    }

    @EventHandler
    void on(ApiKeyRevoked e) {
        jdbc.sql("UPDATE api_key_credential SET revoked = TRUE WHERE key_id = :id").param("id", e.keyId()).update();
    }

    /** The stored hash of a key, if the key exists (for idempotent bootstrapping). */
    public Optional<String> storedHash(String keyId) {
        return jdbc.sql("SELECT secret_hash FROM api_key_credential WHERE key_id = :id").param("id", keyId)
                .query(String.class).optional();
    }
}
