package io.chariot.migration.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chariot.migration.mapping.ImportPlan;
import io.chariot.migration.mapping.Quarantined;
import io.chariot.migration.source.Json;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The plan's report on the terminal, and the quarantine file (JSON lines, one record or part per line). */
final class Reports {

    private Reports() {
    }

    static void plan(PrintStream out, ImportPlan plan) {
        plan.checks.forEach(c -> out.println("checked: " + c));
        out.println();
        out.printf(Locale.ROOT, "%-16s %-36s %9s %9s %11s%n", "type", "tenant", "read", "imported", "quarantined");
        long[] total = new long[3];
        for (Map.Entry<String, Map<String, long[]>> type : plan.counts.entrySet()) {
            for (Map.Entry<String, long[]> tenant : type.getValue().entrySet()) {
                long[] c = tenant.getValue();
                out.printf(Locale.ROOT, "%-16s %-36s %,9d %,9d %,11d%n", type.getKey(), cut(tenant.getKey(), 36), c[0],
                        c[1], c[2]);
                for (int i = 0; i < 3; i++) {
                    total[i] += c[i];
                }
            }
        }
        out.printf(Locale.ROOT, "%-16s %-36s %,9d %,9d %,11d%n", "total", "", total[0], total[1], total[2]);
        out.println();
        out.printf(Locale.ROOT, "%,d aggregates, %,d events to append%n", plan.units.size(), plan.events());
        if (!plan.normalised.isEmpty()) {
            out.println("normalised (the platform's rules):");
            plan.normalised.forEach((what, n) -> out.printf(Locale.ROOT, "  %,7d  %s%n", n, what));
        }
        long partial = plan.quarantine.stream().filter(Quarantined::partial).count();
        out.printf(Locale.ROOT, "quarantined: %,d record(s) or relationship(s) not imported, %,d part(s) of imported "
                + "records not carried by any event%n", plan.quarantinedRecords(), partial);
        Map<String, Long> reasons = new java.util.TreeMap<>();
        for (Quarantined q : plan.quarantine) {
            reasons.merge((q.partial() ? "part of " : "") + q.type() + ": " + reasonKind(q.reason()), 1L, Long::sum);
        }
        reasons.forEach((r, n) -> out.printf(Locale.ROOT, "  %,7d  %s%n", n, r));
    }

    /** The reason without the record-specific tail, to group the summary. */
    private static String reasonKind(String reason) {
        String r = reason.replaceAll("#[^ ,)]*", "…").replaceAll("\\[[^]]*]", "[…]").replaceAll("'[^']*'", "'…'")
                .replaceAll("node \\S+", "node …").replaceAll("\\d+", "N");
        return cut(r, 110);
    }

    static void writeQuarantine(Path file, List<Quarantined> quarantine) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
        try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            for (Quarantined q : quarantine) {
                ObjectNode n = Json.MAPPER.createObjectNode();
                n.put("origin", q.origin());
                n.put("type", q.type());
                n.put("tenant", q.tenant());
                n.put("key", q.key());
                n.put("reason", q.reason());
                n.put("partial", q.partial());
                if (q.raw() != null) {
                    n.put("record", q.raw());
                }
                w.write(Json.MAPPER.writeValueAsString(n));
                w.write('\n');
            }
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    static List<Quarantined> withConflicts(List<Quarantined> planned, List<String[]> conflicts) {
        List<Quarantined> all = new ArrayList<>(planned);
        for (String[] c : conflicts) {
            all.add(new Quarantined("event store", "conflict", c[2], c[1], c[3], false, null));
        }
        return all;
    }

    static String cut(String s, int n) {
        return s == null ? "" : s.length() > n ? s.substring(0, n - 1) + "…" : s;
    }
}
