package io.chariot.compat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The tests of praetorian-cli's own suite that are known to fail, with their reasons: the table rows of
 * {@code docs/compatibility.md} whose first cell is a backticked pytest node id ({@code `test_risk.py::TestRisk::test_x`}).
 * Rows under a heading that starts with {@value #INTERMITTENT} may fail or pass (a known race, while its fix is in
 * flight); every other listed test must fail.
 */
record CompatibilityList(Map<String, Entry> entries) {

    static final String INTERMITTENT = "## Intermittent";

    record Entry(String reason, boolean intermittent) {
    }

    private static final Pattern ROW = Pattern.compile("^\\|\\s*`(test_\\w+\\.py::[^`]+)`\\s*\\|\\s*(.*?)\\s*\\|$");

    static CompatibilityList read(Path markdown) {
        try {
            return parse(Files.readString(markdown));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + markdown, e);
        }
    }

    static CompatibilityList parse(String markdown) {
        Map<String, Entry> entries = new LinkedHashMap<>();
        boolean intermittent = false;
        for (String raw : markdown.split("\\R")) {
            String line = raw.strip();
            if (line.startsWith("#")) {
                intermittent = line.startsWith(INTERMITTENT);
            }
            Matcher row = ROW.matcher(line);
            if (row.matches() && entries.put(row.group(1), new Entry(row.group(2), intermittent)) != null) {
                throw new IllegalStateException("listed twice in docs/compatibility.md: " + row.group(1));
            }
        }
        return new CompatibilityList(Map.copyOf(entries));
    }

    boolean lists(String nodeId) {
        return entries.containsKey(nodeId);
    }

    /** Listed as failing for sure: it must not pass. */
    boolean mustFail(String nodeId) {
        Entry e = entries.get(nodeId);
        return e != null && !e.intermittent();
    }
}
