package io.chariot.risk;

import io.chariot.api.input.CommandTargets;
import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import io.chariot.api.asset.AssetKeys;
import io.chariot.api.input.Inputs;
import io.chariot.api.rejection.Rejected;
import io.chariot.api.risk.RiskCommands;
import io.chariot.api.risk.RiskCommands.AddRisk;
import io.chariot.api.asset.AssetCommands.AttributeState;
import io.chariot.api.risk.RiskCommands.AddRiskAttribute;
import io.chariot.api.risk.RiskCommands.DeleteRisk;
import io.chariot.api.risk.RiskCommands.HistoryRecord;
import io.chariot.api.risk.RiskCommands.PurgeRisk;
import io.chariot.api.risk.RiskCommands.RemoveRiskAttribute;
import io.chariot.api.risk.RiskCommands.RiskState;
import io.chariot.api.risk.RiskCommands.UpdateRisk;
import io.chariot.api.risk.RiskEvents.RiskAttributeAdded;
import io.chariot.api.risk.RiskEvents.RiskAttributeRemoved;
import io.chariot.api.risk.RiskEvents.RiskCommentAdded;
import io.chariot.api.risk.RiskEvents.RiskHistoryRecordRemoved;
import io.chariot.api.risk.RiskEvents.RiskOpened;
import io.chariot.api.risk.RiskEvents.RiskPurged;
import io.chariot.api.risk.RiskEvents.RiskStatusChanged;
import io.chariot.api.risk.RiskEvents.RiskTagsSet;
import io.chariot.api.risk.RiskEvents.RiskTargetAdded;
import io.chariot.api.risk.RiskEvents.RiskTicketsSet;
import io.chariot.api.risk.RiskEvents.RiskTitleChanged;
import io.chariot.api.risk.RiskEvents.RiskVisited;
import io.chariot.api.risk.RiskKeys;
import io.chariot.api.risk.RiskStatus;
import io.chariot.api.risk.Ticket;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A risk (a vulnerability instance) of one tenant, identified by tenant + {@code #risk#{dns}#{name}}
 * (chariot-api.md §2.4). Its state is global per (tenant, dns, name); the targets it was found on are only linked
 * (HAS_VULNERABILITY edges in the graph), because a risk outlives and spans targets.
 * <p>
 * Command handlers validate and {@code apply}; state changes only in event sourcing handlers. Time comes from
 * {@link GenericEventMessage#clock}. Rejections ({@link Rejected}, {@code InvalidKeyException}) apply nothing.
 * {@link UpdateRisk} and {@link DeleteRisk} of an unknown risk are rejected by Axon with
 * {@code AggregateNotFoundException}.
 */
@Aggregate
@JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE, setterVisibility = Visibility.NONE)
public class Risk {

    /** A risk in triage expires 30 days after it was last detected; once it leaves triage it is permanent. */
    static final Duration DEFAULT_TTL = Duration.ofDays(30);
    /** The status of a risk added without one: triage, info. */
    static final String DEFAULT_STATUS = "TI";
    /** The source of a risk added without one (the CLI sends ""), e.g. by hand. */
    static final String DEFAULT_SOURCE = "provided";

    @AggregateIdentifier
    private String riskId;
    private String tenant;
    private String key;
    private String dns;
    private String name;
    private String title;
    private String source;
    private String status;
    private int priority;
    private Instant created;
    private Instant updated;
    private Instant visited;
    private long ttl;
    private String comment;
    private List<HistoryRecord> history = new ArrayList<>();
    private List<String> tags = new ArrayList<>();
    private List<String> targets = new ArrayList<>();
    private List<Ticket> tickets = new ArrayList<>();
    /** The risk's attributes by attribute key, as added (their source is the risk's key). */
    private Map<String, AttributeState> attributes = new LinkedHashMap<>();
    /** Removed for good by a tenant purge: it answers as if it had never existed; adding it opens it anew. */
    private boolean purged;

    protected Risk() {
        // for Axon
    }

    // ----------------------------------------------------------------------------------------------------------
    // Commands

    /**
     * Opens a risk on a target, or re-detects a known one (a scanner's Visit):
     * <ol>
     *     <li>a new risk is {@link RiskOpened} in a triage status ({@code T…} only; none means {@code TI});</li>
     *     <li>a known risk found on another target gets {@link RiskTargetAdded};</li>
     *     <li>a remediated risk ({@code R…}) reopens as {@code O…} with the same severity
     *     ({@link RiskStatusChanged}, so a history record);</li>
     *     <li>a known risk is {@link RiskVisited}: TTL refreshes while in triage, stays 0 otherwise.</li>
     * </ol>
     * A title, tags and tickets given with a known risk replace its own afterwards ({@link RiskTitleChanged},
     * {@link RiskTagsSet}, {@link RiskTicketsSet}, each only if it differs), as tabularium's Merge copies them.
     */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public RiskState handle(AddRisk command) {
        RiskKeys.Identity identity = RiskKeys.identity(command.dns(), command.name());
        requireTarget(command.riskId(), command.tenant(), identity.key());
        String target = RiskKeys.targetKey(command.target());
        String requested = blank(command.status()) ? DEFAULT_STATUS : RiskStatus.requireValid(command.status());
        if (!RiskStatus.isTriage(requested)) {
            throw Rejected.invalid("a new risk must be in triage (TI, TL, TM, TH or TC), got '" + requested + "'");
        }
        List<Ticket> newTickets = ticketList(command.tickets());
        Instant at = now();

        if (riskId == null || purged) {
            String riskTitle = blank(command.title()) ? identity.name() : command.title().trim();
            apply(new RiskOpened(command.tenant(), identity.key(), identity.dns(), identity.name(), riskTitle,
                                 requested, RiskStatus.priority(requested),
                                 blank(command.source()) ? DEFAULT_SOURCE : command.source().trim(), target,
                                 blank(command.comment()) ? null : command.comment(), tagSet(command.tags()),
                                 at.plus(DEFAULT_TTL).getEpochSecond(), command.by(), at));
            setTickets(newTickets, command.by(), at);
            return state();
        }
        if (!targets.contains(target)) {
            apply(new RiskTargetAdded(tenant, key, target, command.by(), at));
        }
        if (RiskStatus.isRemediated(status)) {
            String reopened = RiskStatus.OPEN + RiskStatus.severity(status);
            apply(new RiskStatusChanged(tenant, key, status, reopened, RiskStatus.priority(reopened), 0,
                                        blank(command.comment()) ? null : command.comment(), command.by(), at));
        }
        apply(new RiskVisited(tenant, key, target,
                              RiskStatus.isTriage(status) ? at.plus(DEFAULT_TTL).getEpochSecond() : 0,
                              command.by(), at));
        setTitle(command.title(), command.by(), at);
        if (command.tags() != null && !command.tags().isEmpty()) {
            setTags(command.tags(), command.by(), at);
        }
        setTickets(newTickets, command.by(), at);
        return state();
    }

    /**
     * A user's Merge, in this order: {@code remove} blanks a history record's comment (dropping a note); a new
     * status is a {@link RiskStatusChanged} carrying the comment; a comment alone is a {@link RiskCommentAdded}
     * note; then title, tags and tickets when they differ. A value equal to the current one changes nothing.
     */
    @CommandHandler
    public RiskState handle(UpdateRisk command) {
        requireNotPurged();
        requireTarget(command.riskId(), command.tenant(), RiskKeys.parseRiskKey(command.key()).key());
        String requested = blank(command.status()) ? null : RiskStatus.requireValid(command.status());
        Integer removeIndex = command.remove() == null ? null : historyIndex(command.remove());
        List<Ticket> newTickets = ticketList(command.tickets());
        Instant at = now();

        if (removeIndex != null) {
            HistoryRecord record = history.get(removeIndex);
            apply(new RiskHistoryRecordRemoved(tenant, key, removeIndex, blank(record.to()), command.by(), at));
        }
        changeStatus(requested, command.comment(), command.by(), at);
        setTitle(command.title(), command.by(), at);
        if (command.tags() != null) {
            setTags(command.tags(), command.by(), at);
        }
        setTickets(newTickets, command.by(), at);
        return state();
    }

    /**
     * A soft delete: a status change to a {@code D…} status, history kept. Without a status the risk becomes
     * {@code D{severity}O} ("other"); any status that is not a {@code D…} one is rejected.
     */
    @CommandHandler
    public RiskState handle(DeleteRisk command) {
        requireNotPurged();
        requireTarget(command.riskId(), command.tenant(), RiskKeys.parseRiskKey(command.key()).key());
        String requested;
        if (blank(command.status())) {
            requested = RiskStatus.DELETED + RiskStatus.severity(status) + RiskStatus.DEFAULT_DELETE_SUBSTATE;
        } else {
            requested = RiskStatus.requireValid(command.status());
            if (!RiskStatus.isDeleted(requested)) {
                throw Rejected.invalid("deleting a risk needs a D… status (e.g. DHF, DLO), got '" + requested + "'");
            }
        }
        changeStatus(requested, command.comment(), command.by(), now());
        return state();
    }

    /** Adds an attribute; one the risk has already changes nothing. It expires like a triage risk, in 30 days. */
    @CommandHandler
    public AttributeState handle(AddRiskAttribute command) {
        requireNotPurged();
        requireTarget(command.riskId(), command.tenant(), RiskKeys.parseRiskKey(command.key()).key());
        String attributeKey = AssetKeys.attributeKey(command.name(), command.value(), key);
        if (!attributes.containsKey(attributeKey)) {
            Instant at = now();
            apply(new RiskAttributeAdded(tenant, key, attributeKey, command.name().trim(), command.value().trim(),
                                         blank(command.capability()) ? null : command.capability().trim(),
                                         at.plus(DEFAULT_TTL).getEpochSecond(), command.by(), at));
        }
        return attributes.get(attributeKey);
    }

    /** Removes an attribute; removing one the risk does not have changes nothing. */
    @CommandHandler
    public RiskState handle(RemoveRiskAttribute command) {
        requireNotPurged();
        requireTarget(command.riskId(), command.tenant(), RiskKeys.parseRiskKey(command.key()).key());
        if (attributes.containsKey(command.attributeKey())) {
            apply(new RiskAttributeRemoved(tenant, key, command.attributeKey(), command.by(), now()));
        }
        return state();
    }

    /** Sets the title unless none was given or it is the current one. */
    private void setTitle(String newTitle, String by, Instant at) {
        if (!blank(newTitle) && !newTitle.trim().equals(title)) {
            apply(new RiskTitleChanged(tenant, key, newTitle.trim(), by, at));
        }
    }

    /** Replaces the tags unless they are the current ones (in any order). */
    private void setTags(List<String> given, String by, Instant at) {
        List<String> newTags = tagSet(given);
        if (!Set.copyOf(newTags).equals(Set.copyOf(tags))) {
            apply(new RiskTagsSet(tenant, key, newTags, by, at));
        }
    }

    /** Replaces the tickets unless none were given or they are the current ones (in any order). */
    private void setTickets(List<Ticket> newTickets, String by, Instant at) {
        if (newTickets != null && !Set.copyOf(newTickets).equals(Set.copyOf(tickets))) {
            apply(new RiskTicketsSet(tenant, key, newTickets, by, at));
        }
    }

    private void changeStatus(String requested, String newComment, String by, Instant at) {
        String note = blank(newComment) ? null : newComment;
        Inputs.historyRoom(history.stream().mapToLong(r -> Inputs.historyRecordBytes(r.by(), r.comment())).sum(),
                by, note);
        if (requested != null && !requested.equals(status)) {
            long newTtl = RiskStatus.isTriage(requested) ? ttl : 0;
            apply(new RiskStatusChanged(tenant, key, status, requested, RiskStatus.priority(requested), newTtl, note,
                                        by, at));
        } else if (note != null) {
            apply(new RiskCommentAdded(tenant, key, note, by, at));
        }
    }

    /** A tenant purge removes the risk for good; answers whether it did (purging it again changes nothing). */
    @CommandHandler
    public boolean handle(PurgeRisk command) {
        requireTarget(command.riskId(), command.tenant(), RiskKeys.parseRiskKey(command.key()).key());
        if (purged) {
            return false;
        }
        apply(new RiskPurged(tenant, key, command.by(), now()));
        return true;
    }

    private void requireNotPurged() {
        if (purged) {
            throw new AggregateNotFoundException(riskId, "no risk " + key);
        }
    }

    // ----------------------------------------------------------------------------------------------------------
    // State

    /** Only the identity stays, so that adding the risk again opens a new one under the same identifier. */
    @EventSourcingHandler
    void on(RiskPurged e) {
        purged = true;
        history = new ArrayList<>();
        tags = new ArrayList<>();
        targets = new ArrayList<>();
        tickets = new ArrayList<>();
        attributes = new LinkedHashMap<>();
        comment = null;
    }

    @EventSourcingHandler
    void on(RiskOpened e) {
        purged = false;
        tickets = new ArrayList<>();
        attributes = new LinkedHashMap<>();
        riskId = RiskCommands.aggregateId(e.tenant(), e.key());
        tenant = e.tenant();
        key = e.key();
        dns = e.dns();
        name = e.name();
        title = e.title();
        source = e.source();
        status = e.status();
        priority = e.priority();
        created = e.at();
        updated = e.at();
        visited = e.at();
        ttl = e.ttl();
        comment = e.comment();
        history = new ArrayList<>();
        tags = new ArrayList<>(e.tags() == null ? List.of() : e.tags());
        targets = new ArrayList<>(List.of(e.target()));
    }

    @EventSourcingHandler
    void on(RiskTargetAdded e) {
        targets.add(e.target());
        updated = e.at();
    }

    @EventSourcingHandler
    void on(RiskVisited e) {
        visited = e.at();
        ttl = e.ttl();
    }

    @EventSourcingHandler
    void on(RiskStatusChanged e) {
        history.add(new HistoryRecord(e.from(), e.to(), e.by(), e.comment(), e.at()));
        status = e.to();
        priority = e.priority();
        ttl = e.ttl();
        if (e.comment() != null) {
            comment = e.comment();
        }
        updated = e.at();
    }

    @EventSourcingHandler
    void on(RiskCommentAdded e) {
        history.add(new HistoryRecord(null, null, e.by(), e.comment(), e.at()));
        comment = e.comment();
        updated = e.at();
    }

    @EventSourcingHandler
    void on(RiskHistoryRecordRemoved e) {
        if (e.dropped()) {
            history.remove(e.index());
        } else {
            HistoryRecord r = history.get(e.index());
            history.set(e.index(), new HistoryRecord(r.from(), r.to(), r.by(), "", r.updated()));
        }
        updated = e.at();
    }

    @EventSourcingHandler
    void on(RiskTitleChanged e) {
        title = e.title();
        updated = e.at();
    }

    @EventSourcingHandler
    void on(RiskTagsSet e) {
        tags = new ArrayList<>(e.tags());
        updated = e.at();
    }

    @EventSourcingHandler
    void on(RiskAttributeAdded e) {
        attributes.put(e.attributeKey(), new AttributeState(e.attributeKey(), key, e.name(), e.value(), e.capability(),
                                                            e.at(), e.ttl()));
    }

    @EventSourcingHandler
    void on(RiskAttributeRemoved e) {
        attributes.remove(e.attributeKey());
    }

    @EventSourcingHandler
    void on(RiskTicketsSet e) {
        tickets = new ArrayList<>(e.tickets());
        updated = e.at();
    }

    // ----------------------------------------------------------------------------------------------------------
    // Rules

    private void requireTarget(String commandRiskId, String commandTenant, String normalisedKey) {
        CommandTargets.require("risk", commandRiskId, RiskCommands.aggregateId(commandTenant, normalisedKey),
                               commandTenant, normalisedKey, riskId);
    }

    /** An absolute history index; negative ones count from the end ({@code -1} is the last record). */
    private int historyIndex(int remove) {
        int index = remove < 0 ? history.size() + remove : remove;
        if (index < 0 || index >= history.size()) {
            throw Rejected.invalid("no history record at index " + remove + " (the risk has " + history.size()
                                   + ")");
        }
        return index;
    }

    /** Trimmed, non-blank tags, each once, in the given order. */
    private static List<String> tagSet(List<String> given) {
        LinkedHashSet<String> out = new LinkedHashSet<>();
        if (given != null) {
            for (String tag : given) {
                if (tag != null && !tag.isBlank()) {
                    out.add(tag.trim());
                }
            }
        }
        return new ArrayList<>(out);
    }

    /**
     * Trimmed tickets, blank optional members null and labels a tag set; a later ticket with the same provider and
     * id replaces an earlier one in its place (tabularium's {@code AddTicket}). Null when none were given. A ticket
     * without a provider or an id is rejected.
     */
    private static List<Ticket> ticketList(List<Ticket> given) {
        if (given == null) {
            return null;
        }
        Map<List<String>, Ticket> byId = new LinkedHashMap<>();
        for (Ticket t : given) {
            if (t == null || blank(t.provider()) || blank(t.id())) {
                throw Rejected.invalid("every ticket needs a provider and an id, got " + t);
            }
            Ticket clean = new Ticket(t.provider().trim(), t.id().trim(), trimmed(t.link()), trimmed(t.status()),
                                      trimmed(t.assignee()), trimmed(t.resolution()), trimmed(t.account()),
                                      tagSet(t.labels()));
            byId.put(List.of(clean.provider(), clean.id()), clean);
        }
        return new ArrayList<>(byId.values());
    }

    private static String trimmed(String s) {
        return blank(s) ? null : s.trim();
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static Instant now() {
        return GenericEventMessage.clock.instant();
    }

    private RiskState state() {
        return new RiskState(key, dns, name, title, source, status, priority, created, updated, visited, ttl, comment,
                             List.copyOf(history), List.copyOf(tags), List.copyOf(targets), List.copyOf(tickets));
    }
}
