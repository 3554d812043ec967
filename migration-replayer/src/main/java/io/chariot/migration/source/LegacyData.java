package io.chariot.migration.source;

import java.util.ArrayList;
import java.util.List;

/**
 * Everything read from a source: the records, the graph's edges, lines that were no record ({@link SourceProblem}),
 * and what was checked on the way (manifests, checksums), for the report.
 */
public final class LegacyData {

    public final List<LegacyRecord> records = new ArrayList<>();
    public final List<LegacyEdge> edges = new ArrayList<>();
    public final List<SourceProblem> problems = new ArrayList<>();
    public final List<String> checks = new ArrayList<>();
    /** A short name of the source for the events' migration marker, e.g. {@code export:01700000000000-abcdef01}. */
    public String name = "export";
}
