package io.chariot.migration.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.chariot.api.input.CommandInputs;
import io.chariot.api.risk.RiskCommands;
import io.chariot.api.risk.RiskEvents.RiskCommentAdded;
import io.chariot.api.risk.RiskEvents.RiskOpened;
import io.chariot.api.risk.RiskEvents.RiskStatusChanged;
import io.chariot.api.risk.RiskEvents.RiskTargetAdded;
import io.chariot.api.risk.RiskKeys;
import io.chariot.api.risk.RiskStatus;
import io.chariot.migration.source.Json;
import io.chariot.migration.source.LegacyEdge;
import io.chariot.migration.source.LegacyRecord;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A risk: {@code RiskOpened} on its first target (the earliest {@code HAS_VULNERABILITY} edge) in the status before
 * its first history entry, then each history entry in order ({@code RiskStatusChanged}, or {@code RiskCommentAdded}
 * for a note; reopenings included), then {@code RiskTargetAdded} for every further target. A risk without a target
 * cannot exist on the platform and is quarantined.
 */
final class RiskUnit {

    private record Target(String key, Instant at, String by) {
    }

    final String aggregateId;
    final String tenant;
    final String key;
    private final LegacyRecord record;
    private final RiskKeys.Identity identity;
    private final List<History.Entry> history;
    private final String status;
    private final Instant created;
    private final List<Target> targets = new ArrayList<>();

    private RiskUnit(LegacyRecord record, String tenant, RiskKeys.Identity identity, List<History.Entry> history,
                     String status, Instant created) {
        this.record = record;
        this.tenant = tenant;
        this.identity = identity;
        this.key = identity.key();
        this.aggregateId = aggregateId(tenant, key);
        this.history = history;
        this.status = status;
        this.created = created;
    }

    static String aggregateId(String tenant, String key) {
        return RiskCommands.aggregateId(tenant, key);
    }

    static RiskUnit of(LegacyRecord r, Planner.Context context) {
        String tenant = AssetUnit.tenantOf(r, context);
        RiskKeys.Identity identity = RiskKeys.parseRiskKey(r.key());
        if (!identity.key().equals(r.key())) {
            context.normalise("risk key normalised (dns lower-cased, non-CVE name lower-cased)");
        }
        String status = r.text("status");
        if (!RiskStatus.isValid(status)) {
            throw new Rejected("status '" + status + "' is not a risk status");
        }
        List<History.Entry> history = History.of(r);
        String last = null;
        for (History.Entry e : history) {
            if (e.isChange()) {
                if (!RiskStatus.isValid(e.to())) {
                    throw new Rejected("history entry " + e.index() + " changes to '" + e.to() + "', not a risk "
                            + "status");
                }
                last = e.to();
            }
        }
        if (last != null && !last.equals(status)) {
            throw new Rejected("history ends in status " + last + " but the record's status is " + status);
        }
        Instant created = r.text("created") != null ? History.instant(r.text("created"), "created")
                : history.isEmpty() ? null : history.get(0).updated();
        if (created == null) {
            throw new Rejected("no created time");
        }
        RiskUnit unit = new RiskUnit(r, tenant, identity, history, status, created);
        unit.check(context);
        return unit;
    }

    /** Builds the events once with a placeholder target, so a record the platform refuses fails here, early. */
    private void check(Planner.Context context) {
        events(List.of(new Target("#asset#check#check", created, "legacy")), context);
    }

    void addTarget(String rawKey, LegacyEdge edge, Planner.Context context) {
        String target = RiskKeys.targetKey(rawKey);
        if (!target.equals(rawKey)) {
            context.normalise("risk target key normalised (asset key lower-cased or punycode)");
        }
        if (targets.stream().anyMatch(t -> t.key.equals(target))) {
            context.normalise("duplicate HAS_VULNERABILITY edge collapsed into one");
            return;
        }
        Instant at = edge.created() == null ? created : History.instant(edge.created(), "edge created");
        targets.add(new Target(target, at, edge.capability() == null || edge.capability().isBlank() ? "legacy"
                : edge.capability()));
    }

    /** The unit, or null (quarantined) when the risk has no target. */
    ImportUnit unit(Planner.Context context) {
        if (targets.isEmpty()) {
            context.quarantine(new Quarantined(record.origin(), "risk", tenant, record.key(), "no HAS_VULNERABILITY "
                    + "edge: a risk on the platform always has a target", false, record.fields().toString()));
            context.requalify("risk", tenant);
            return null;
        }
        List<Target> ordered = new ArrayList<>(targets);
        ordered.sort(Comparator.comparing(Target::at).thenComparing(Target::key));
        List<EventDraft> events = events(ordered, context);

        Map<String, JsonNode> fields = new LinkedHashMap<>();
        fields.put("status", TextNode.valueOf(status));
        fields.put("dns", TextNode.valueOf(identity.dns()));
        fields.put("name", TextNode.valueOf(identity.name()));
        fields.put("title", TextNode.valueOf(title()));
        fields.put("source", TextNode.valueOf(source()));
        fields.put("tags", Json.MAPPER.valueToTree(tags()));
        fields.put("history", History.wire(history));
        ArrayNode targetKeys = Json.MAPPER.createArrayNode();
        new TreeSet<>(ordered.stream().map(Target::key).toList()).forEach(targetKeys::add);
        fields.put("targets", targetKeys);
        return new ImportUnit("Risk", aggregateId, tenant, "risk", events,
                List.of(new Expected("risk", tenant, key, record.origin(), fields)), 1);
    }

    private List<EventDraft> events(List<Target> ordered, Planner.Context context) {
        List<EventDraft> events = new ArrayList<>();
        History.Entry first = history.stream().filter(History.Entry::isChange).findFirst().orElse(null);
        String initial = first == null ? status
                : first.from() != null && !first.from().isEmpty() ? first.from() : first.to();
        if (!RiskStatus.isValid(initial)) {
            throw new Rejected("history starts from '" + initial + "', not a risk status");
        }
        long ttl = AssetUnit.number(record, "ttl");
        String by = history.isEmpty() ? source() : history.get(0).by();
        events.add(draft("opened", new RiskOpened(tenant, key, identity.dns(), identity.name(), title(), initial,
                RiskStatus.priority(initial), source(), ordered.get(0).key(), null, tags(),
                RiskStatus.isTriage(initial) ? ttl : 0, by, created)));
        for (History.Entry e : history) {
            String what = "history:" + e.index() + ":" + (e.isChange() ? e.to() : "note") + ":" + e.updated();
            if (e.isChange()) {
                events.add(draft(what, new RiskStatusChanged(tenant, key, e.from() == null ? "" : e.from(), e.to(),
                        RiskStatus.priority(e.to()), RiskStatus.isTriage(e.to()) ? ttl : 0, e.comment(), e.by(),
                        e.updated())));
            } else {
                events.add(draft(what, new RiskCommentAdded(tenant, key, e.comment() == null ? "" : e.comment(),
                        e.by(), e.updated())));
            }
        }
        for (Target t : ordered.subList(1, ordered.size())) {
            events.add(draft("target:" + t.key(), new RiskTargetAdded(tenant, key, t.key(), t.by(), t.at())));
        }
        return events;
    }

    private String title() {
        String t = record.text("title");
        return t == null || t.isBlank() ? identity.name() : t.trim();
    }

    private String source() {
        String s = record.text("source");
        return s == null || s.isBlank() ? "provided" : s.trim();
    }

    private List<String> tags() {
        java.util.LinkedHashSet<String> out = new java.util.LinkedHashSet<>();
        for (String tag : AssetUnit.strings(record.fields().get("tags"), "tags")) {
            if (!tag.isBlank()) {
                out.add(tag.trim());
            }
        }
        return new ArrayList<>(out);
    }

    private EventDraft draft(String what, Object payload) {
        try {
            CommandInputs.check(payload);
        } catch (RuntimeException e) {
            throw new Rejected("breaks the platform's store limits: " + e.getMessage());
        }
        return new EventDraft(DraftIds.of(aggregateId, what), payload, key);
    }
}
