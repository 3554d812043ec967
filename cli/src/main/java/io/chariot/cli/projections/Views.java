package io.chariot.cli.projections;

import io.chariot.cli.connection.CommandLines;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import static io.chariot.cli.projections.AdminModel.Projection;
import static io.chariot.cli.projections.AdminModel.Rebuild;
import static io.chariot.cli.projections.AdminModel.Segment;

/** Plain-ASCII rendering of projections: the table, the status detail, the progress bar. */
final class Views {

    private static final String[] HEADERS = {"NAME", "STORE", "VERSION", "GEN", "GROUP", "STATE", "LAG", "PARKED",
            "SEGMENTS"};
    static final int BAR_WIDTH = 10;

    private Views() {
    }

    static String table(List<Projection> projections) {
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADERS);
        for (Projection p : projections) {
            rows.add(new String[] {text(p.name()), text(p.store()), number(p.version()), number(p.generation()),
                    text(p.processingGroup()), text(p.state()), number(p.lag()), number(p.parked()),
                    segments(p.segments())});
        }
        return columns(rows, "");
    }

    /** The parked events of a projection, one row each. */
    static String parked(AdminModel.ParkedList list) {
        if (list.events().isEmpty()) {
            return list.name() + ": nothing parked\n";
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"SEQUENCE (AGGREGATE)", "#", "EVENT", "SEQ", "PARKED AT", "CAUSE"});
        for (AdminModel.Parked e : list.events()) {
            rows.add(new String[] {text(e.sequence()), String.valueOf(e.index()), text(e.eventType()),
                    number(e.sequenceNumber()), text(e.enqueuedAt()),
                    e.causeType() == null ? "-" : simpleName(e.causeType()) + ": "
                            + CommandLines.oneLine(e.causeMessage())});
        }
        String table = columns(rows, "");
        long more = list.parked() - list.events().size();
        return table + (more > 0 ? "… and " + more + " more (--limit)\n" : "");
    }

    private static String simpleName(String type) {
        return type.substring(type.lastIndexOf('.') + 1);
    }

    static String segments(List<Segment> segments) {
        if (segments.isEmpty()) {
            return "-";
        }
        return segments.stream()
                .map(s -> s.segment() + "@" + number(s.position()) + " " + segmentState(s))
                .collect(Collectors.joining(", "));
    }

    private static String segmentState(Segment s) {
        if (s.error() != null) {
            return "error";
        }
        if (s.replaying()) {
            return "replaying";
        }
        return s.caughtUp() ? "caught-up" : "behind";
    }

    static String status(Projection p) {
        StringBuilder out = new StringBuilder(table(List.of(p)));
        if (p.failing() != null) {
            out.append('\n').append("Retrying: its store fails since ").append(text(p.failing().since()))
                    .append(" (").append(p.failing().attempts()).append(" attempts): ")
                    .append(CommandLines.oneLine(p.failing().cause())).append('\n');
        }
        if (p.parked() != null && p.parked() > 0) {
            out.append('\n').append(p.parked()).append(" event(s) parked: ./chariot projections dlq list ")
                    .append(p.name()).append('\n');
        }
        out.append('\n').append("Segments:\n");
        if (p.segments().isEmpty()) {
            out.append("  (none claimed: no event processor is running this group)\n");
        } else {
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"SEGMENT", "POSITION", "CAUGHT-UP", "REPLAYING", "ERROR"});
            for (Segment s : p.segments()) {
                rows.add(new String[] {String.valueOf(s.segment()), number(s.position()), yesNo(s.caughtUp()),
                        yesNo(s.replaying()), s.error() == null ? "-" : CommandLines.oneLine(s.error())});
            }
            out.append(columns(rows, "  "));
        }
        out.append('\n');
        Rebuild r = p.rebuild();
        if (r == null) {
            out.append("Rebuild: none\n");
        } else {
            out.append("Rebuild: ").append(text(r.state()));
            if (r.mode() != null) {
                out.append(" (").append(r.mode())
                        .append(r.generation() == null ? "" : ", generation " + r.generation())
                        .append(r.running() && r.phase() != null ? ", " + r.phase() : "").append(')');
            }
            out.append("  ").append(progress(r)).append('\n');
            if (r.resumedAt() != null && r.resumedAt() > 0) {
                out.append("  resumed from its checkpoint after ").append(r.resumedAt()).append(" events\n");
            }
            out.append("  started ").append(text(r.startedAt()))
                    .append(", finished ").append(text(r.finishedAt()))
                    .append(", caught up ").append(text(r.caughtUpAt())).append('\n');
            if (r.error() != null) {
                out.append("  error: ").append(CommandLines.oneLine(r.error())).append('\n');
            }
        }
        return out.toString();
    }

    /** The outcome of verify: one line per read model, then the differing tenants. */
    static String verification(AdminModel.Verification v) {
        StringBuilder out = new StringBuilder();
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"NAME", "STORE", "GENERATION", "LIVE", "REBUILT", "TENANTS", "DIFFERING"});
        for (var m : v.models()) {
            rows.add(new String[] {m.name(), m.store(), String.valueOf(m.liveGeneration()),
                    String.valueOf(m.liveRecords()), String.valueOf(m.rebuiltRecords()), String.valueOf(m.tenants()),
                    String.valueOf(m.differences().size())});
        }
        out.append(columns(rows, ""));
        for (var m : v.models()) {
            for (var d : m.differences()) {
                out.append("  ").append(m.name()).append("  tenant ").append(d.tenant()).append(": live ")
                        .append(d.liveRecords()).append(" records (").append(d.liveChecksum()).append("), rebuilt ")
                        .append(d.rebuiltRecords()).append(" records (").append(d.rebuiltChecksum()).append(")\n");
            }
        }
        return out.toString();
    }

    /** {@code [#####.....] 51234/100000 events  8,512 ev/s  ETA 6s}. */
    static String progressBar(Rebuild r) {
        long done = r.eventsDone() == null ? 0 : r.eventsDone();
        Long total = r.eventsTotal();
        int filled = total == null || total <= 0 ? 0 : (int) Math.min(BAR_WIDTH, done * BAR_WIDTH / total);
        if (r.done()) {
            filled = BAR_WIDTH;
        }
        String phase = r.running() && r.phase() != null && !r.phase().equals("replaying") ? "  (" + r.phase() + ")"
                : "";
        return "[" + "#".repeat(filled) + ".".repeat(BAR_WIDTH - filled) + "] " + progress(r) + phase;
    }

    private static String progress(Rebuild r) {
        long done = r.eventsDone() == null ? 0 : r.eventsDone();
        String line = done + "/" + number(r.eventsTotal()) + " events";
        if (r.eventsPerSecond() != null) {
            line += String.format(Locale.US, "  %,d ev/s", Math.round(r.eventsPerSecond()));
        }
        if (r.etaSeconds() != null && r.running()) {
            line += "  ETA " + duration(r.etaSeconds());
        }
        return line;
    }

    /** The final line of a successful rebuild. */
    static String caughtUp(String name, Rebuild r, Duration measured) {
        long events = r.eventsDone() != null ? r.eventsDone() : r.eventsTotal() == null ? 0 : r.eventsTotal();
        Instant started = instant(r.startedAt());
        Instant ended = instant(r.caughtUpAt() != null ? r.caughtUpAt() : r.finishedAt());
        Duration took = started != null && ended != null && !ended.isBefore(started)
                ? Duration.between(started, ended) : measured;
        return name + ": caught up with the live head after " + events + " events in " + elapsed(took);
    }

    static String elapsed(Duration d) {
        double seconds = d.toMillis() / 1000.0;
        if (seconds < 60) {
            return String.format(Locale.US, "%.1fs", seconds);
        }
        return duration(Math.round(seconds));
    }

    static String duration(long seconds) {
        if (seconds < 60) {
            return seconds + "s";
        }
        if (seconds < 3600) {
            return String.format(Locale.US, "%dm%02ds", seconds / 60, seconds % 60);
        }
        return String.format(Locale.US, "%dh%02dm", seconds / 3600, seconds % 3600 / 60);
    }

    static Instant instant(String iso) {
        if (iso == null || iso.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(iso).toInstant();
        } catch (RuntimeException e) {
            try {
                return Instant.parse(iso);
            } catch (RuntimeException again) {
                return null;
            }
        }
    }

    private static String columns(List<String[]> rows, String indent) {
        int[] widths = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder(indent);
            for (int i = 0; i < row.length; i++) {
                line.append(i == row.length - 1 ? row[i] : pad(row[i], widths[i] + 2));
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }

    private static String pad(String s, int width) {
        return s + " ".repeat(Math.max(0, width - s.length()));
    }

    private static String text(String s) {
        return s == null || s.isBlank() ? "-" : s;
    }

    private static String number(Number n) {
        return n == null ? "-" : String.valueOf(n);
    }

    private static String yesNo(boolean b) {
        return b ? "yes" : "no";
    }
}
