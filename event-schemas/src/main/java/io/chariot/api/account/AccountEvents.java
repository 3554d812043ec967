package io.chariot.api.account;

import io.chariot.api.personal.PersonalData;
import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.Map;

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
                               Instant expires, @PersonalData String by, Instant at) {
    }

    /** An API key was revoked and authenticates nothing from {@code at} on. */
    @Revision("1")
    public record ApiKeyRevoked(String keyId, String tenant, @PersonalData String by, Instant at) {
    }

    /** {@code member} (a collaborator's email) was linked to {@code tenant} with {@code role}. */
    @Revision("1")
    public record AccountLinked(String key, String tenant, @PersonalData(onlyEmails = true) String member,
                                @PersonalData(onlyEmails = true) String value, String role, @PersonalData String by,
                                Instant at) {
    }

    /** An existing account link got another role. */
    @Revision("1")
    public record AccountRoleChanged(String key, String tenant, @PersonalData(onlyEmails = true) String member,
                                     @PersonalData(onlyEmails = true) String value, String from, String to,
                                     @PersonalData String by, Instant at) {
    }

    /** An account link was removed: {@code member} no longer reaches {@code tenant}. */
    @Revision("1")
    public record AccountUnlinked(String key, String tenant, @PersonalData(onlyEmails = true) String member,
                                  @PersonalData(onlyEmails = true) String value, @PersonalData String by,
                                  Instant at) {
    }

    /**
     * A setting ({@code #setting#…}) or configuration ({@code #configuration#…}) was stored; {@code value} is the
     * JSON text of the value.
     */
    @Revision("1")
    public record SettingStored(String key, String tenant, String name, String value, @PersonalData String by,
                                Instant at) {
    }

    /** A setting or configuration was removed. */
    @Revision("1")
    public record SettingRemoved(String key, String tenant, String name, @PersonalData String by, Instant at) {
    }

    /**
     * An integration ({@code member} without {@code @}) was linked to {@code tenant}, or its configuration replaced.
     * {@code config} is the JSON text of the configuration with every secret member redacted ({@code "********"});
     * {@code sealed} is the AES-GCM ciphertext of those members and, for a webhook, of its pin (member {@code pin};
     * null if there is nothing to seal); {@code pinHash} is the SHA-256 hash of a webhook's pin (null for other
     * integrations). No secret is ever recorded in clear.
     */
    @Revision("1")
    public record IntegrationLinked(String key, String tenant, String member, String value, String role,
                                    String config, String sealed, String pinHash, @PersonalData String by, Instant at) {
    }

    /** An integration was removed. */
    @Revision("1")
    public record IntegrationUnlinked(String key, String tenant, String member, String value, @PersonalData String by,
                                      Instant at) {
    }

    /**
     * The provider accepted the integration's credentials (the onboarding saga checked them): it moves from linked to
     * {@code verified}, and its seeds are imported next.
     */
    @Revision("1")
    public record IntegrationVerified(String key, String tenant, String member, String value, @PersonalData String by,
                                      Instant at) {
    }

    /** The integration is onboarded: its seeds are assets and their discovery jobs are queued ({@code active}). */
    @Revision("1")
    public record IntegrationActivated(String key, String tenant, String member, String value, @PersonalData String by,
                                       Instant at) {
    }

    /**
     * Onboarding the integration failed, and what it had done was undone ({@code failed}); {@code reason} says why
     * (the provider refused the credentials or was unreachable, a context rejected a seed or job, time ran out).
     * Linking it again starts a new onboarding.
     */
    @Revision("1")
    public record IntegrationFailed(String key, String tenant, String member, String value, String reason,
                                    @PersonalData String by, Instant at) {
    }

    /**
     * An admin of {@code tenant} asked for the tenant to be purged ({@code DELETE /account/purge}): the tenant purge
     * saga removes its assets, risks, jobs, integrations, API keys, settings and files, then destroys its data key.
     * {@code purgeId} names this purge.
     */
    @Revision("1")
    public record TenantPurgeStarted(String tenant, String purgeId, @PersonalData String by, Instant at) {
    }

    /**
     * The erasure record of a purge: what it removed, per kind ({@code assets}, {@code risks}, …, a count each),
     * whether the tenant's data key was destroyed, who asked ({@code startedBy}) and when it started and ended. Every
     * read model removes the tenant's data when it sees this event, so a replay also ends purged.
     */
    @Revision("1")
    public record TenantPurged(String tenant, String purgeId, Map<String, Long> removed,
                               boolean keysDestroyed, String startedBy, Instant started, @PersonalData String by,
                               Instant at) {
    }
}
