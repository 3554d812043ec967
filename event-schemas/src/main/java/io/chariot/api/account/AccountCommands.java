package io.chariot.api.account;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * Commands of the account context. For now only API keys ({@code #key#{id}}, chariot-api.md §2.2).
 * <p>
 * The secret of an API key never travels in a command or an event: the HTTP layer generates or receives it,
 * hashes it and sends only {@code secretHash}.
 */
public final class AccountCommands {

    private AccountCommands() {
    }

    /**
     * Issues an API key. The aggregate identifier is the key id.
     *
     * @param secretHash the hash of the secret (never the secret itself)
     * @param expires    when the key stops working; null means it does not expire
     */
    public record IssueApiKey(@TargetAggregateIdentifier String keyId, String tenant, String name, String secretHash,
                              String role, Instant expires, String by) {
    }

    /** Revokes an API key; revoking a revoked key changes nothing. */
    public record RevokeApiKey(@TargetAggregateIdentifier String keyId, String tenant, String by) {
    }
}
