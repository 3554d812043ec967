package io.chariot.account.integration;

import io.chariot.account.link.AccountLink;
import io.chariot.api.account.AccountCommands;
import io.chariot.api.account.AccountCommands.ActivateIntegration;
import io.chariot.api.account.AccountCommands.FailIntegration;
import io.chariot.api.account.AccountCommands.IntegrationState;
import io.chariot.api.account.AccountCommands.LinkIntegration;
import io.chariot.api.account.AccountCommands.UnlinkIntegration;
import io.chariot.api.account.AccountCommands.VerifyHookPin;
import io.chariot.api.account.AccountCommands.VerifyIntegration;
import io.chariot.api.account.AccountEvents.IntegrationActivated;
import io.chariot.api.account.AccountEvents.IntegrationFailed;
import io.chariot.api.account.AccountEvents.IntegrationLinked;
import io.chariot.api.account.AccountEvents.IntegrationUnlinked;
import io.chariot.api.account.AccountEvents.IntegrationVerified;
import io.chariot.api.rejection.Rejected;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * An integration record {@code #account#{tenant}#{member}#{value}} whose member is an integration name (no
 * {@code @}, not {@code settings}/{@code settings-display-name}), e.g. {@code github}, {@code amazon} or the webhook
 * {@code hook}. Identified by tenant + key. It grants nobody access to the tenant (only collaborator links do).
 * <p>
 * Rules: the member is an integration name; tenant, member and value hold no {@code #}; the value is required;
 * the config is a JSON object (stored redacted: secrets arrive only as ciphertext); the role is admin, analyst or
 * readonly (empty means readonly); linking a linked integration again replaces its config, secrets and pin; the
 * webhook ({@code hook}) has the value {@code ********} and needs a pin hash, other integrations carry none;
 * unlinking what is not linked is "not found"; a pin is verified by a constant-time hash comparison and a wrong pin,
 * an unlinked hook or another tenant's hook is "not found".
 * <p>
 * Onboarding (the onboarding saga) moves a linked integration to {@code verified} (the provider accepted its
 * credentials), then {@code active} (seeds imported, discovery queued), or to {@code failed} with a reason; linking it
 * again starts over from {@code linked}.
 */
@Aggregate
public class Integration {

    @AggregateIdentifier
    private String linkId;
    private String key;
    private String tenant;
    private String member;
    private String value;
    private String role;
    private String config;
    private String pinHash;
    private Instant updated;
    private boolean linked;
    /** When it was last linked: onboarding commands name the link they are about. */
    private Instant linkedAt;
    /** Where onboarding stands: linked, verified, active or failed. */
    private String onboarding;

    static final String LINKED = "linked";
    static final String VERIFIED = "verified";
    static final String ACTIVE = "active";
    static final String FAILED = "failed";

    protected Integration() {
        // for Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public IntegrationState handle(LinkIntegration command) {
        String t = required(AccountCommands.normalise(command.tenant()), "tenant");
        String m = required(AccountCommands.normalise(command.member()), "member");
        String v = required(command.value(), "value").trim();
        required(command.by(), "by");
        if (!AccountCommands.isIntegration(m)) {
            throw new IllegalArgumentException("member must be an integration name (no '@', not a settings record)");
        }
        if (t.contains("#") || m.contains("#") || v.contains("#")) {
            throw new IllegalArgumentException("tenant, member and value must not contain '#'");
        }
        String c = command.config() == null || command.config().isBlank() ? "{}" : command.config();
        if (!c.trim().startsWith("{")) {
            throw new IllegalArgumentException("config must be a JSON object");
        }
        boolean hook = AccountCommands.HOOK.equals(m);
        if (hook && (!AccountCommands.HOOK_VALUE.equals(v) || command.pinHash() == null
                     || command.pinHash().isBlank())) {
            throw new IllegalArgumentException("a webhook has the value " + AccountCommands.HOOK_VALUE
                                               + " and needs a pin hash");
        }
        if (!hook && command.pinHash() != null) {
            throw new IllegalArgumentException("only a webhook has a pin");
        }
        String r = AccountLink.role(command.role());
        String k = AccountCommands.accountKey(t, m, v);
        if (!command.linkId().equals(AccountCommands.aggregateId(t, k))) {
            throw new IllegalArgumentException("linkId must be tenant + account key: " + AccountCommands.aggregateId(t, k));
        }
        apply(new IntegrationLinked(k, t, m, v, r, c, command.sealed(), command.pinHash(), command.by(),
                GenericEventMessage.clock.instant()));
        return state();
    }

    @CommandHandler
    public IntegrationState handle(UnlinkIntegration command) {
        if (!linked || !tenant.equals(AccountCommands.normalise(command.tenant()))) {
            throw new AggregateNotFoundException(command.linkId(), "no integration " + command.linkId());
        }
        apply(new IntegrationUnlinked(key, tenant, member, value, command.by(), GenericEventMessage.clock.instant()));
        return state();
    }

    @CommandHandler
    public IntegrationState handle(VerifyHookPin command) {
        boolean matches = linked && pinHash != null && command.pinHash() != null
                          && tenant.equals(command.tenant())
                          && MessageDigest.isEqual(pinHash.getBytes(StandardCharsets.US_ASCII),
                                                   command.pinHash().getBytes(StandardCharsets.US_ASCII));
        if (!matches) {
            throw new AggregateNotFoundException(command.linkId(), "no webhook");
        }
        return state();
    }

    @CommandHandler
    public IntegrationState handle(VerifyIntegration command) {
        requireLink(command.linkId(), command.tenant(), command.linked());
        if (FAILED.equals(onboarding)) {
            throw Rejected.conflict("integration " + key + " failed onboarding: link it again");
        }
        if (LINKED.equals(onboarding)) {
            apply(new IntegrationVerified(key, tenant, member, value, required(command.by(), "by"),
                    GenericEventMessage.clock.instant()));
        }
        return state();
    }

    @CommandHandler
    public IntegrationState handle(ActivateIntegration command) {
        requireLink(command.linkId(), command.tenant(), command.linked());
        if (ACTIVE.equals(onboarding)) {
            return state();
        }
        if (!VERIFIED.equals(onboarding)) {
            throw Rejected.conflict("integration " + key + " is " + onboarding + ", not verified");
        }
        apply(new IntegrationActivated(key, tenant, member, value, required(command.by(), "by"),
                GenericEventMessage.clock.instant()));
        return state();
    }

    /** Idempotent (a compensation): a failed, unlinked or since linked again integration is left as it is. */
    @CommandHandler
    public IntegrationState handle(FailIntegration command) {
        if (!command.linkId().equals(linkId) || !tenant.equals(AccountCommands.normalise(command.tenant()))) {
            throw new AggregateNotFoundException(command.linkId(), "no integration " + command.linkId());
        }
        if (linked && !FAILED.equals(onboarding) && linkedAt.equals(command.linked())) {
            String reason = required(command.reason(), "reason");
            apply(new IntegrationFailed(key, tenant, member, value, reason, required(command.by(), "by"),
                    GenericEventMessage.clock.instant()));
        }
        return state();
    }

    /** The integration is linked, and by the link the command is about (not linked again since). */
    private void requireLink(String commandLinkId, String commandTenant, Instant commandLinked) {
        if (!linked || !commandLinkId.equals(linkId) || !tenant.equals(AccountCommands.normalise(commandTenant))) {
            throw new AggregateNotFoundException(commandLinkId, "no integration " + commandLinkId);
        }
        if (!linkedAt.equals(commandLinked)) {
            throw Rejected.conflict("integration " + key + " was linked again at " + linkedAt);
        }
    }

    @EventSourcingHandler
    void on(IntegrationVerified e) {
        onboarding = VERIFIED;
        updated = e.at();
    }

    @EventSourcingHandler
    void on(IntegrationActivated e) {
        onboarding = ACTIVE;
        updated = e.at();
    }

    @EventSourcingHandler
    void on(IntegrationFailed e) {
        onboarding = FAILED;
        updated = e.at();
    }

    @EventSourcingHandler
    void on(IntegrationLinked e) {
        linkId = AccountCommands.aggregateId(e.tenant(), e.key());
        key = e.key();
        tenant = e.tenant();
        member = e.member();
        value = e.value();
        role = e.role();
        config = e.config();
        pinHash = e.pinHash();
        updated = e.at();
        linked = true;
        linkedAt = e.at();
        onboarding = LINKED;
    }

    @EventSourcingHandler
    void on(IntegrationUnlinked e) {
        linked = false;
        pinHash = null;
        updated = e.at();
    }

    private IntegrationState state() {
        return new IntegrationState(key, tenant, member, value, role, config, updated, linked);
    }

    private static String required(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " is required");
        }
        return value;
    }
}
