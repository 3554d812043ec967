package io.chariot.api.account;

import io.chariot.api.input.Inputs;
import io.chariot.api.input.JsonText;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.Map;
import java.util.Locale;

/**
 * Commands of the account context: API keys ({@code #key#{id}}), account links
 * ({@code #account#{tenant}#{member}#{value}}), settings ({@code #setting#{name}}) and configurations
 * ({@code #configuration#{name}}), chariot-api.md §2.2 and §2.5.
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

    /** The state of an API key after a command, in Chariot's Key shape (never its secret or hash). */
    public record ApiKeyState(String keyId, String tenant, String name, String role, Instant created, String creator,
                              Instant expires, String status, Instant deleted, String deleter) {
    }

    public static final String ACCOUNT_PREFIX = "#account#";
    public static final String SETTING_PREFIX = "#setting#";
    public static final String CONFIGURATION_PREFIX = "#configuration#";

    /** The aggregate identifier of a tenant's record: tenant + Chariot key (ADR 0001). */
    public static String aggregateId(String tenant, String key) {
        return tenant + key;
    }

    /** {@code #account#{tenant}#{member}#{value}}. */
    public static String accountKey(String tenant, String member, String value) {
        return Inputs.key("member and value", ACCOUNT_PREFIX + tenant + "#" + member + "#" + value);
    }

    /** {@code #setting#{name}} or {@code #configuration#{name}}: {@code prefix} + name. */
    public static String settingKey(String prefix, String name) {
        return Inputs.key("name", prefix + name);
    }

    /** Lower-cases and trims an email or integration name; null stays null. */
    public static String normalise(String s) {
        return s == null ? null : s.trim().toLowerCase(Locale.ROOT);
    }

    /**
     * Links {@code member} (a collaborator's email) to {@code tenant} with {@code role} (admin, analyst, readonly),
     * or changes the role of an existing link. The aggregate identifier is {@link #aggregateId} of the account key.
     */
    public record LinkAccount(@TargetAggregateIdentifier String linkId, String tenant, String member, String value,
                              String role, String by) {
    }

    /** Removes an account link; the member no longer reaches the tenant. */
    public record UnlinkAccount(@TargetAggregateIdentifier String linkId, String tenant, String member, String value,
                                String by) {
    }

    /** The state of an account link after a command. {@code linked} is false once unlinked. */
    public record AccountLinkState(String key, String tenant, String member, String value, String role,
                                   Instant updated, boolean linked) {
    }

    /**
     * Stores a setting ({@code #setting#{name}}) or a configuration ({@code #configuration#{name}}) of a tenant.
     * {@code value} is the JSON text of any JSON value.
     */
    public record StoreSetting(@TargetAggregateIdentifier String settingId, String tenant, String key, String name,
                               @JsonText String value, String by) {
    }

    /** Removes a setting or configuration. */
    public record RemoveSetting(@TargetAggregateIdentifier String settingId, String tenant, String key, String by) {
    }

    /** The state of a setting or configuration after a command; {@code value} is JSON text, null once removed. */
    public record SettingState(String key, String tenant, String name, String value, Instant lastModified,
                               boolean present) {
    }

    /** The member of the webhook integration; its {@code value} is always {@link #HOOK_VALUE}. */
    public static final String HOOK = "hook";

    /**
     * The {@code value} of a tenant's webhook record. The pin is a credential, so it is never part of the key (nor
     * of anything else stored in clear): the record is {@code #account#{tenant}#hook#********} and holds only the
     * pin's hash. One webhook per tenant; linking again replaces its pin.
     */
    public static final String HOOK_VALUE = "********";

    /** True for an integration name: a member without {@code @} that is not a settings record. */
    public static boolean isIntegration(String member) {
        return member != null && !member.contains("@") && !member.equals("settings")
               && !member.equals("settings-display-name");
    }

    /**
     * Links an integration ({@code member} without {@code @}, e.g. {@code github}, {@code amazon}, {@code hook}) to
     * {@code tenant}, or replaces its configuration. Secrets never travel in clear: {@code config} is the JSON text
     * of the configuration with every secret member redacted, {@code sealed} the AES-GCM ciphertext of the secret
     * members (null when there are none) and {@code pinHash} the SHA-256 hash of a webhook's pin (null otherwise).
     */
    public record LinkIntegration(@TargetAggregateIdentifier String linkId, String tenant, String member, String value,
                                  String role, @JsonText String config, String sealed, String pinHash, String by) {
    }

    /** Removes an integration. */
    public record UnlinkIntegration(@TargetAggregateIdentifier String linkId, String tenant, String member,
                                    String value, String by) {
    }

    /**
     * Checks a webhook pin against the tenant's hook: returns the state when the hash matches (constant-time
     * comparison), fails as "not found" otherwise. Records nothing.
     */
    public record VerifyHookPin(@TargetAggregateIdentifier String linkId, String tenant, String pinHash) {
    }

    /** The state of an integration after a command; {@code config} is the redacted JSON text, never a secret. */
    public record IntegrationState(String key, String tenant, String member, String value, String role,
                                   String config, Instant updated, boolean linked) {
    }

    /**
     * Records that the provider accepted a linked integration's credentials ({@code verified}). Sent by the
     * onboarding saga about the link made at {@code linked} (its {@code IntegrationLinked} instant): an integration
     * linked again since is a conflict, as is a failed one; a verified or active one is left as it is; one that is
     * not linked is "not found".
     */
    public record VerifyIntegration(@TargetAggregateIdentifier String linkId, String tenant, Instant linked,
                                    String by) {
    }

    /**
     * Records that a verified integration is onboarded ({@code active}); an active one is left as it is; one linked
     * again since {@code linked}, or not verified, is a conflict; one that is not linked "not found".
     */
    public record ActivateIntegration(@TargetAggregateIdentifier String linkId, String tenant, Instant linked,
                                      String by) {
    }

    /**
     * Marks the onboarding of the link made at {@code linked} failed with {@code reason}. A compensation, so
     * idempotent: an integration already failed, no longer linked, or linked again since, is left as it is.
     */
    public record FailIntegration(@TargetAggregateIdentifier String linkId, String tenant, Instant linked,
                                  String reason, String by) {
    }

    /** The aggregate of a tenant's purges: one per tenant. */
    public static String purgeAggregateId(String tenant) {
        return tenant + "#purge";
    }

    /**
     * Starts purging {@code tenant} ({@code DELETE /account/purge}) under the new {@code purgeId}. While a purge of
     * the tenant runs, starting another changes nothing and answers the running one.
     */
    public record StartTenantPurge(@TargetAggregateIdentifier String purgeAggregate, String tenant, String purgeId,
                                   String by) {

        public static StartTenantPurge of(String tenant, String purgeId, String by) {
            return new StartTenantPurge(AccountCommands.purgeAggregateId(tenant), tenant, purgeId, by);
        }
    }

    /**
     * Records that the purge {@code purgeId} ended (its erasure record): what it removed, per kind, and whether the
     * tenant's data key was destroyed. Idempotent: recording an ended purge, or another one, changes nothing.
     */
    public record RecordTenantPurge(@TargetAggregateIdentifier String purgeAggregate, String tenant,
                                    String purgeId, Map<String, Long> removed, boolean keysDestroyed,
                                    String by) {

        public static RecordTenantPurge of(String tenant, String purgeId, Map<String, Long> removed,
                                           boolean keysDestroyed, String by) {
            return new RecordTenantPurge(AccountCommands.purgeAggregateId(tenant), tenant, purgeId, removed,
                    keysDestroyed, by);
        }
    }

    /** Where a tenant's purge stands: {@code running} or {@code purged}. */
    public record TenantPurgeState(String tenant, String purgeId, String status, String startedBy, Instant started,
                                   Instant ended) {
    }
}
