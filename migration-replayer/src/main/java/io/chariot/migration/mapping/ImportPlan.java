package io.chariot.migration.mapping;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a source turns into: the units to append (sorted by aggregate, so every run walks them in the same order),
 * what is quarantined and why, what was normalised, and counts by legacy type and tenant.
 */
public final class ImportPlan {

    public final String sourceName;
    public final List<ImportUnit> units;
    public final List<Quarantined> quarantine;
    /** What was normalised: a description ({@code asset key lower-cased}) and how often. */
    public final Map<String, Long> normalised;
    /** Per legacy type, per tenant: records read, imported, quarantined. */
    public final Map<String, Map<String, long[]>> counts;
    public final List<String> checks;

    ImportPlan(String sourceName, List<ImportUnit> units, List<Quarantined> quarantine, Map<String, Long> normalised,
               Map<String, Map<String, long[]>> counts, List<String> checks) {
        this.sourceName = sourceName;
        this.units = List.copyOf(units);
        this.quarantine = List.copyOf(quarantine);
        this.normalised = Map.copyOf(new TreeMap<>(normalised));
        this.counts = counts;
        this.checks = List.copyOf(checks);
    }

    public long events() {
        return units.stream().mapToLong(u -> u.events().size()).sum();
    }

    public long records() {
        return units.stream().mapToLong(ImportUnit::records).sum();
    }

    public long quarantinedRecords() {
        return quarantine.stream().filter(q -> !q.partial()).count();
    }

    public List<Expected> expected() {
        List<Expected> all = new ArrayList<>();
        units.forEach(u -> all.addAll(u.expected()));
        return all;
    }
}
