package io.chariot.migration.mapping;

import io.chariot.migration.source.LegacyData;
import io.chariot.migration.source.LegacyEdge;
import io.chariot.migration.source.LegacyRecord;
import io.chariot.migration.source.SourceProblem;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Turns legacy records into {@link ImportUnit}s, one per aggregate, by the platform's rules. Assets (seeds, web
 * applications, AD domains) take their attributes and ports along (they live in the asset's aggregate); risks take
 * the targets of their {@code HAS_VULNERABILITY} edges; jobs, account links, integrations, API keys, settings and
 * configurations come from the DynamoDB table. What cannot be mapped is quarantined with the reason; nothing is
 * dropped silently. The result depends only on the data, never on the order of the input or on the clock.
 */
public final class Planner {

    private final Context context = new Context();
    private final boolean parallel;
    /** The platform's key of each graph record an edge names, or why it has none: computed once per record. */
    private final Map<LegacyRecord, Object> keys = new HashMap<>();

    private Planner(boolean parallel) {
        this.parallel = parallel;
    }

    /** The plan, records mapped on every core: the same plan as {@link #sequential}. */
    public static ImportPlan plan(LegacyData data) {
        return new Planner(true).build(data);
    }

    /** The plan, records mapped one after the other. */
    public static ImportPlan sequential(LegacyData data) {
        return new Planner(false).build(data);
    }

    private ImportPlan build(LegacyData data) {
        for (SourceProblem p : data.problems) {
            context.quarantine(new Quarantined(p.origin(), "unreadable", null, null, p.reason(), false, p.raw()));
            context.count("unreadable", "(none)", 2);
        }
        Map<String, LegacyRecord> byNodeId = new HashMap<>();
        Map<String, AssetUnit> assets = new TreeMap<>();
        Map<String, RiskUnit> risks = new TreeMap<>();
        Map<String, ImportUnit> tableUnits = new TreeMap<>();
        Map<String, String> firstOrigin = new HashMap<>();
        List<LegacyRecord> children = new ArrayList<>();

        List<LegacyRecord> records = new ArrayList<>(data.records);
        records.sort(Comparator.comparing(LegacyRecord::origin, Planner::byOrigin));
        // Mapping a record needs nothing but the record: done in parallel, each with its own context, then merged in
        // file and line order, so the plan (and the quarantine's order) is the sequential one.
        List<Mapped> mapped = parallel ? records.parallelStream().map(Planner::map).toList()
                : records.stream().map(Planner::map).toList();
        for (Mapped m : mapped) {
            LegacyRecord r = m.record;
            if (r.nodeId() != null) {
                byNodeId.put(r.nodeId(), r);
            }
            context.absorb(m.context);
            if (m.unit instanceof AssetUnit unit) {
                if (putOnce(assets, unit.aggregateId, unit, r, firstOrigin)) {
                    context.count(r.type(), unit.tenant, 1);
                }
            } else if (m.unit instanceof RiskUnit unit) {
                if (putOnce(risks, unit.aggregateId, unit, r, firstOrigin)) {
                    context.count(r.type(), unit.tenant, 1);
                }
            } else if (m.unit instanceof ImportUnit unit) {
                if (putOnce(tableUnits, unit.aggregateId(), unit, r, firstOrigin)) {
                    context.count(r.type(), unit.tenant(), 1);
                }
            } else if (m.child) {
                children.add(r);
            }
        }
        for (LegacyRecord child : children) {
            String type = child.type();
            try {
                String parentKey = AssetUnit.parentKeyOf(child);
                AssetUnit parent = assets.get(AssetUnit.aggregateId(AssetUnit.tenantOf(child, context), parentKey));
                if (parent == null) {
                    throw new Rejected("its asset " + parentKey + " is not imported (not in the export, or "
                            + "quarantined)");
                }
                if (parent.addChild(child, context)) {
                    context.count(type, parent.tenant, 1);
                }
            } catch (Rejected e) {
                context.reject(child, type, e.getMessage());
            } catch (RuntimeException e) {
                context.reject(child, type, "invalid: " + e.getMessage());
            }
        }
        Map<String, Boolean> seenEdges = new HashMap<>();
        List<LegacyEdge> edges = new ArrayList<>(data.edges);
        edges.sort(Comparator.comparing(LegacyEdge::origin, Planner::byOrigin));
        Set<LegacyRecord> named = new LinkedHashSet<>();
        for (LegacyEdge edge : edges) {
            for (String id : new String[]{edge.startId(), edge.endId()}) {
                LegacyRecord r = byNodeId.get(id);
                if (r != null) {
                    named.add(r);
                }
            }
        }
        List<LegacyRecord> ends = List.copyOf(named);
        List<Object> endKeys = (parallel ? ends.parallelStream() : ends.stream()).map(Planner::keyOrFailure).toList();
        for (int i = 0; i < ends.size(); i++) {
            keys.put(ends.get(i), endKeys.get(i));
        }
        for (LegacyEdge edge : edges) {
            edge(edge, byNodeId, assets, risks, seenEdges);
        }

        List<ImportUnit> units = new ArrayList<>();
        for (AssetUnit a : assets.values()) {
            units.add(a.unit(context));
        }
        for (RiskUnit r : risks.values()) {
            ImportUnit unit = r.unit(context);
            if (unit != null) {
                units.add(unit);
            }
        }
        units.addAll(tableUnits.values());
        units.sort(Comparator.comparing(ImportUnit::aggregateId));
        return new ImportPlan(data.name, units, context.quarantine, context.normalised, context.counts, data.checks);
    }

    /** One record mapped on its own: its unit (or a child of an asset, or nothing) and what it noted. */
    private record Mapped(LegacyRecord record, Object unit, boolean child, Context context) {
    }

    private static Mapped map(LegacyRecord r) {
        Context context = new Context();
        String type = r.type();
        String tenant = r.tenant();
        if (r.key() == null || r.key().isBlank()) {
            context.reject(r, type == null ? "unknown" : type, "no key");
            return new Mapped(r, null, false, context);
        }
        if (type == null || type.isBlank()) {
            context.reject(r, "unknown", "key " + r.key() + " names no type");
            return new Mapped(r, null, false, context);
        }
        if (tenant == null || tenant.isBlank()) {
            context.reject(r, type, "no tenant (username)");
            return new Mapped(r, null, false, context);
        }
        try {
            return switch (type) {
                case "asset", "webapplication", "addomain" -> new Mapped(r, AssetUnit.of(r, context), false, context);
                case "attribute", "port" -> new Mapped(r, null, true, context);
                case "risk" -> new Mapped(r, RiskUnit.of(r, context), false, context);
                case "job", "account", "key", "setting", "configuration" ->
                        new Mapped(r, TableMapping.map(type, r, context), false, context);
                default -> {
                    context.reject(r, type, "legacy type '" + type + "' has no aggregate on the platform");
                    yield new Mapped(r, null, false, context);
                }
            };
        } catch (Rejected e) {
            context.reject(r, type, e.getMessage());
        } catch (RuntimeException e) {
            context.reject(r, type, "invalid: " + e.getMessage());
        }
        return new Mapped(r, null, false, context);
    }

    private void edge(LegacyEdge edge, Map<String, LegacyRecord> byNodeId, Map<String, AssetUnit> assets,
                      Map<String, RiskUnit> risks, Map<String, Boolean> seen) {
        LegacyRecord start = byNodeId.get(edge.startId());
        LegacyRecord end = byNodeId.get(edge.endId());
        String what = edge.label() + " " + edge.startId() + "->" + edge.endId();
        if (start == null || end == null) {
            context.rejectEdge(edge, null, "names node " + (start == null ? edge.startId() : edge.endId())
                    + ", which is not in the export");
            return;
        }
        String tenant = start.tenant() == null ? null : start.tenant().trim().toLowerCase(Locale.ROOT);
        String endTenant = end.tenant() == null ? null : end.tenant().trim().toLowerCase(Locale.ROOT);
        if (tenant == null || !tenant.equals(endTenant)) {
            context.rejectEdge(edge, tenant, "joins records of different (or no) tenants: " + start.tenant() + ", "
                    + end.tenant());
            return;
        }
        Object startKeyOrFailure = keys.get(start);
        Object endKeyOrFailure = keys.get(end);
        if (!(startKeyOrFailure instanceof String startKey)) {
            context.rejectEdge(edge, tenant, "an end's key is invalid: " + startKeyOrFailure);
            return;
        }
        if (!(endKeyOrFailure instanceof String endKey)) {
            context.rejectEdge(edge, tenant, "an end's key is invalid: " + endKeyOrFailure);
            return;
        }
        String identity = tenant + "|" + edge.label() + "|" + startKey + "|" + endKey;
        if (seen.putIfAbsent(identity, Boolean.TRUE) != null) {
            context.normalise("duplicate " + edge.label() + " edge collapsed into one");
            context.count("relationship", tenant, 1);
            return;
        }
        switch (edge.label()) {
            case "HAS_PORT", "HAS_ATTRIBUTE", "DISCOVERED" -> {
                String endType = end.type();
                if (edge.label().equals("DISCOVERED") && AssetUnit.isAssetType(start.type())
                        && AssetUnit.isAssetType(endType)) {
                    AssetUnit parent = assets.get(AssetUnit.aggregateId(tenant, startKey));
                    AssetUnit child = assets.get(AssetUnit.aggregateId(tenant, endKey));
                    if (parent == null || child == null) {
                        context.rejectEdge(edge, tenant, "DISCOVERED from " + startKey + " to " + endKey + ": "
                                + (parent == null ? "the parent" : "the child") + " is not imported");
                        return;
                    }
                    try {
                        parent.addDiscovered(endKey, edge);
                        context.count("relationship", tenant, 1);
                    } catch (RuntimeException e) {
                        context.rejectEdge(edge, tenant, "DISCOVERED from " + startKey + ": " + e.getMessage());
                    }
                    return;
                }
                String wanted = edge.label().equals("HAS_ATTRIBUTE") ? "attribute" : "port";
                if (!wanted.equals(endType)) {
                    context.rejectEdge(edge, tenant, edge.label().equals("DISCOVERED")
                            ? "DISCOVERED from " + startKey + " to " + endKey + ": the platform records discovery "
                              + "links between assets and from an asset to its ports only"
                            : edge.label() + " from " + startKey + " to " + endKey + " does not end at a " + wanted);
                    return;
                }
                AssetUnit parent = assets.get(AssetUnit.aggregateId(tenant, startKey));
                if (parent == null || !parent.hasChild(endKey)) {
                    context.rejectEdge(edge, tenant, edge.label() + " from " + startKey + " to " + endKey + ": the "
                            + "child is not imported under that asset (its key names another parent, or it was "
                            + "quarantined)");
                    return;
                }
                context.count("relationship", tenant, 1);
            }
            case "HAS_VULNERABILITY" -> {
                RiskUnit risk = risks.get(RiskUnit.aggregateId(tenant, endKey));
                if (risk == null) {
                    context.rejectEdge(edge, tenant, "HAS_VULNERABILITY to " + endKey + ", a risk that is not "
                            + "imported");
                    return;
                }
                try {
                    risk.addTarget(start.key(), edge, context);
                    context.count("relationship", tenant, 1);
                } catch (RuntimeException e) {
                    context.rejectEdge(edge, tenant, "HAS_VULNERABILITY from " + start.key() + ": not a risk target ("
                            + e.getMessage() + ")");
                }
            }
            default -> context.rejectEdge(edge, tenant, "relationship " + edge.label() + " has no event on the "
                    + "platform");
        }
    }

    /** {@link Keys#of}, or its failure's message. */
    private static Object keyOrFailure(LegacyRecord r) {
        try {
            return Keys.of(r);
        } catch (RuntimeException e) {
            return new KeyFailure(e.getMessage());
        }
    }

    private record KeyFailure(String message) {
        @Override
        public String toString() {
            return message;
        }
    }

    private <U> boolean putOnce(Map<String, U> units, String id, U unit, LegacyRecord r,
                                Map<String, String> firstOrigin) {
        String first = firstOrigin.putIfAbsent(id, r.origin());
        if (first != null) {
            context.reject(r, r.type(), "duplicate: " + first + " already imports the same record ("
                    + id + " after normalisation)");
            return false;
        }
        units.put(id, unit);
        return true;
    }

    /** File order, then line order numerically ({@code file:10} after {@code file:9}). */
    static int byOrigin(String a, String b) {
        int ia = a.lastIndexOf(':');
        int ib = b.lastIndexOf(':');
        if (ia > 0 && ib > 0 && a.substring(0, ia).equals(b.substring(0, ib))) {
            try {
                return Long.compare(Long.parseLong(a.substring(ia + 1)), Long.parseLong(b.substring(ib + 1)));
            } catch (NumberFormatException e) {
                return a.compareTo(b);
            }
        }
        return a.compareTo(b);
    }

    /** Shared by the mappings: quarantine, normalisation notes, counts. */
    static final class Context {
        final List<Quarantined> quarantine = new ArrayList<>();
        final Map<String, Long> normalised = new LinkedHashMap<>();
        final Map<String, Map<String, long[]>> counts = new TreeMap<>();

        void quarantine(Quarantined q) {
            quarantine.add(q);
        }

        void reject(LegacyRecord r, String type, String reason) {
            String tenant = r.tenant() == null ? "(none)" : r.tenant().trim().toLowerCase(Locale.ROOT);
            quarantine.add(new Quarantined(r.origin(), type, r.tenant(), r.key(), reason, false, r.fields()
                    .toString()));
            count(type == null ? "unknown" : type, tenant, 2);
        }

        void rejectEdge(LegacyEdge e, String tenant, String reason) {
            quarantine.add(new Quarantined(e.origin(), "relationship", tenant, e.label() + " " + e.startId() + "->"
                    + e.endId(), reason, false, null));
            count("relationship", tenant == null ? "(none)" : tenant, 2);
        }

        /** A part of an imported record that no event carries. */
        void partial(LegacyRecord r, String type, String reason) {
            quarantine.add(new Quarantined(r.origin(), type, r.tenant(), r.key(), reason, true, null));
        }

        /** A record counted as imported turned out not to be (a risk without a target). */
        void requalify(String type, String tenant) {
            long[] c = counts.get(type).get(tenant);
            c[1]--;
            c[2]++;
        }

        void normalise(String what) {
            normalised.merge(what, 1L, Long::sum);
        }

        /** What {@code other} noted, as if it had been noted here. */
        void absorb(Context other) {
            quarantine.addAll(other.quarantine);
            other.normalised.forEach((what, n) -> normalised.merge(what, n, Long::sum));
            other.counts.forEach((type, byTenant) -> byTenant.forEach((tenant, c) -> {
                long[] mine = counts.computeIfAbsent(type, t -> new TreeMap<>()).computeIfAbsent(tenant,
                        t -> new long[3]);
                for (int i = 0; i < 3; i++) {
                    mine[i] += c[i];
                }
            }));
        }

        /** {@code slot}: 0 read only, 1 read and imported, 2 read and quarantined. */
        void count(String type, String tenant, int slot) {
            long[] c = counts.computeIfAbsent(type, t -> new TreeMap<>())
                    .computeIfAbsent(tenant, t -> new long[3]);
            c[0]++;
            if (slot > 0) {
                c[slot]++;
            }
        }
    }
}
