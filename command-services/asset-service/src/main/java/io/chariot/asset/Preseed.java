package io.chariot.asset;

import io.chariot.api.input.CommandTargets;
import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import io.chariot.api.asset.AssetCommands;
import io.chariot.api.asset.AssetCommands.AddPreseed;
import io.chariot.api.asset.AssetCommands.PreseedState;
import io.chariot.api.asset.AssetCommands.RemovePreseed;
import io.chariot.api.asset.AssetCommands.UpdatePreseed;
import io.chariot.api.asset.AssetEvents.PreseedAdded;
import io.chariot.api.asset.AssetEvents.PreseedRemoved;
import io.chariot.api.asset.AssetEvents.PreseedStatusChanged;
import io.chariot.api.asset.PreseedKeys;
import io.chariot.api.input.Inputs;
import io.chariot.api.rejection.Rejected;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A preseed of one tenant (chariot-api.md §2.5): an adjacent-discovery pattern ({@code whois+company},
 * {@code dns+subdomain}…) identified by tenant + {@code #preseed#{type}#{title}#{value}}. A small aggregate of its
 * own: it has no parent, and its status has its own rules.
 * <p>
 * Rules: statuses are A, P, F, D, FR; a new preseed cannot be P (praetorian-cli documents "preseeds cannot be
 * created with PENDING status") and defaults to A; re-adding an existing one only changes its status when it
 * differs; update and remove need a preseed that exists (never was, or was removed: not found); status D keeps the
 * preseed, removal deletes it, and a removed preseed can be added again. A preseed expires 30 days after it was
 * added.
 */
@Aggregate
@JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE, setterVisibility = Visibility.NONE)
public class Preseed {

    static final Duration DEFAULT_TTL = Duration.ofDays(30);
    static final List<String> STATUSES = List.of("A", "P", "F", "D", "FR");
    static final String DEFAULT_STATUS = "A";

    @AggregateIdentifier
    private String preseedId;
    private String tenant;
    private String key;
    private String type;
    private String title;
    private String value;
    private String status;
    private String comment;
    private Instant created;
    private Instant updated;
    private long ttl;
    private boolean present;
    /** What the history in the preseed's table item holds (store limits: comments are refused once it is full). */
    private long historyBytes;

    protected Preseed() {
        // for Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public PreseedState handle(AddPreseed command) {
        String k = PreseedKeys.key(command.type(), command.title(), command.value());
        requireTarget(command.preseedId(), command.tenant(), k);
        String requested = validStatus(command.status());
        Instant at = now();
        if (!present) {
            if ("P".equals(requested)) {
                throw Rejected.invalid("a preseed cannot be added with status P; add it as A, F, D or FR");
            }
            apply(new PreseedAdded(command.tenant(), k, command.type().trim(), command.title().trim(),
                    command.value().trim(), requested == null ? DEFAULT_STATUS : requested,
                    at.plus(DEFAULT_TTL).getEpochSecond(), command.comment(), command.by(), at));
        } else if (requested != null && !requested.equals(status)) {
            Inputs.historyRoom(historyBytes, command.by(), command.comment());
            apply(new PreseedStatusChanged(tenant, key, status, requested, command.comment(), command.by(), at));
        }
        return state();
    }

    @CommandHandler
    public PreseedState handle(UpdatePreseed command) {
        requireTarget(command.preseedId(), command.tenant(), PreseedKeys.parse(command.key()));
        requirePresent(command.preseedId());
        String requested = validStatus(command.status());
        if (requested == null) {
            throw Rejected.invalid("status is required");
        }
        if (!requested.equals(status)) {
            Inputs.historyRoom(historyBytes, command.by(), command.comment());
            apply(new PreseedStatusChanged(tenant, key, status, requested, command.comment(), command.by(), now()));
        }
        return state();
    }

    @CommandHandler
    public PreseedState handle(RemovePreseed command) {
        requireTarget(command.preseedId(), command.tenant(), PreseedKeys.parse(command.key()));
        requirePresent(command.preseedId());
        apply(new PreseedRemoved(tenant, key, command.by(), now()));
        return state();
    }

    // ----------------------------------------------------------------------------------------------------------
    // State

    @EventSourcingHandler
    void on(PreseedAdded e) {
        preseedId = AssetCommands.aggregateId(e.tenant(), e.key());
        tenant = e.tenant();
        key = e.key();
        type = e.type();
        title = e.title();
        value = e.value();
        status = e.status();
        comment = e.comment();
        created = e.at();
        updated = e.at();
        ttl = e.ttl();
        present = true;
        historyBytes = 0;
    }

    @EventSourcingHandler
    void on(PreseedStatusChanged e) {
        historyBytes += Inputs.historyRecordBytes(e.by(), e.comment());
        status = e.to();
        if (e.comment() != null) {
            comment = e.comment();
        }
        updated = e.at();
    }

    @EventSourcingHandler
    void on(PreseedRemoved e) {
        present = false;
        updated = e.at();
    }

    // ----------------------------------------------------------------------------------------------------------
    // Rules

    private void requireTarget(String commandId, String commandTenant, String k) {
        CommandTargets.require("preseed", commandId, AssetCommands.aggregateId(commandTenant, k), commandTenant, k, null);
    }

    private void requirePresent(String id) {
        if (!present) {
            throw new AggregateNotFoundException(id, "no such preseed");
        }
    }

    /** A valid status, or null when none was given. */
    private static String validStatus(String code) {
        if (code == null || code.isBlank()) {
            return null;
        }
        if (!STATUSES.contains(code)) {
            throw Rejected.invalid("unknown preseed status '" + code + "' (expected one of A, P, F, D, FR)");
        }
        return code;
    }

    private static Instant now() {
        return GenericEventMessage.clock.instant();
    }

    private PreseedState state() {
        return new PreseedState(key, type, title, value, present ? status : null, comment, created, updated, ttl);
    }
}
