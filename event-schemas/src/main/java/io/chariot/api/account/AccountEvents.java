package io.chariot.api.account;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * Events of the account context: past-tense facts carrying the tenant, who caused them ({@code by}) and when
 * ({@code at}). Never remove or retype a field: add a revision and an upcaster (event-schemas/README.md).
 */
public final class AccountEvents {

    private AccountEvents() {
    }

    /** An API key was issued. Only the hash of its secret is recorded; {@code expires} is null for no expiry. */
    @Revision("1")
    public record ApiKeyIssued(String keyId, String tenant, String name, String secretHash, String role,
                               Instant expires, String by, Instant at) {
    }

    /** An API key was revoked and authenticates nothing from {@code at} on. */
    @Revision("1")
    public record ApiKeyRevoked(String keyId, String tenant, String by, Instant at) {
    }
}
