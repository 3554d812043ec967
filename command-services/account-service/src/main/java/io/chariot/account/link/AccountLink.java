package io.chariot.account.link;

import io.chariot.api.account.AccountCommands;
import io.chariot.api.account.AccountCommands.AccountLinkState;
import io.chariot.api.account.AccountCommands.LinkAccount;
import io.chariot.api.account.AccountCommands.UnlinkAccount;
import io.chariot.api.account.AccountEvents.AccountLinked;
import io.chariot.api.account.AccountEvents.AccountRoleChanged;
import io.chariot.api.account.AccountEvents.AccountUnlinked;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Instant;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * An account link {@code #account#{tenant}#{member}#{value}}: it lets {@code member} (a collaborator's email, the
 * {@code email} claim of their token) act on {@code tenant} with {@code role}. Identified by tenant + key.
 * <p>
 * Rules: the member must be an email (integrations, members without {@code @}, are the {@code Integration}
 * aggregate's, through {@code LinkIntegration}: a collaborator link never carries a config or a secret); a tenant is
 * never linked to itself; the role is admin, analyst or readonly (empty means readonly); linking again with the
 * same role changes nothing, with another role records a role change; unlinking a link that does not exist (or no
 * longer exists) is "not found"; an unlinked member can be linked again.
 */
@Aggregate
public class AccountLink {

    public static final Set<String> ROLES = Set.of("admin", "analyst", "readonly");

    @AggregateIdentifier
    private String linkId;
    private String key;
    private String tenant;
    private String member;
    private String value;
    private String role;
    private Instant updated;
    private boolean linked;

    protected AccountLink() {
        // for Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public AccountLinkState handle(LinkAccount command) {
        String t = required(AccountCommands.normalise(command.tenant()), "tenant");
        String m = required(AccountCommands.normalise(command.member()), "member");
        required(command.by(), "by");
        if (!m.contains("@")) {
            throw new IllegalArgumentException("member must be a collaborator's email; integrations ('" + m
                                               + "') are linked with LinkIntegration");
        }
        if (t.contains("#") || m.contains("#")) {
            throw new IllegalArgumentException("tenant and member must not contain '#'");
        }
        if (m.equals(t)) {
            throw new IllegalArgumentException("a tenant cannot be linked to itself");
        }
        String v = command.value() == null || command.value().isBlank() ? m : command.value().trim();
        if (v.contains("#")) {
            throw new IllegalArgumentException("value must not contain '#'");
        }
        String r = role(command.role());
        String k = AccountCommands.accountKey(t, m, v);
        if (!command.linkId().equals(AccountCommands.aggregateId(t, k))) {
            throw new IllegalArgumentException("linkId must be tenant + account key: " + AccountCommands.aggregateId(t, k));
        }
        Instant at = GenericEventMessage.clock.instant();
        if (!linked) {
            apply(new AccountLinked(k, t, m, v, r, command.by(), at));
        } else if (!r.equals(role)) {
            apply(new AccountRoleChanged(k, t, m, v, role, r, command.by(), at));
        }
        return state();
    }

    @CommandHandler
    public AccountLinkState handle(UnlinkAccount command) {
        if (!linked || !tenant.equals(AccountCommands.normalise(command.tenant()))) {
            throw new AggregateNotFoundException(command.linkId(), "no account link " + command.linkId());
        }
        apply(new AccountUnlinked(key, tenant, member, value, command.by(), GenericEventMessage.clock.instant()));
        return state();
    }

    @EventSourcingHandler
    void on(AccountLinked e) {
        linkId = AccountCommands.aggregateId(e.tenant(), e.key());
        key = e.key();
        tenant = e.tenant();
        member = e.member();
        value = e.value();
        role = e.role();
        updated = e.at();
        linked = true;
    }

    @EventSourcingHandler
    void on(AccountRoleChanged e) {
        role = e.to();
        updated = e.at();
    }

    @EventSourcingHandler
    void on(AccountUnlinked e) {
        linked = false;
        updated = e.at();
    }

    private AccountLinkState state() {
        return new AccountLinkState(key, tenant, member, value, role, updated, linked);
    }

    /** admin, analyst or readonly; null or blank means readonly. */
    public static String role(String role) {
        if (role == null || role.isBlank()) {
            return "readonly";
        }
        String r = role.trim().toLowerCase(java.util.Locale.ROOT);
        if (!ROLES.contains(r)) {
            throw new IllegalArgumentException("unknown role '" + role + "'; expected admin, analyst or readonly");
        }
        return r;
    }

    private static String required(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " is required");
        }
        return value;
    }
}
