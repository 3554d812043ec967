package io.chariot.cli.events;

import com.fasterxml.jackson.databind.JsonNode;
import io.chariot.cli.connection.CliFailure;
import io.chariot.cli.connection.CommandLines;
import io.chariot.cli.connection.Connection;
import io.chariot.cli.connection.PlatformHttp;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;

/**
 * {@code ./chariot events …}: the event explorer from a terminal — the stream ({@code tail}, {@code --follow}), one
 * record's history, one event, a record's state as of a version, and exports. A client of the explorer API
 * ({@code /token}, {@code /events…}) with any API key: operators see every tenant, everyone else their own.
 *
 * <p>Exit codes: 0 ok, 1 failed (not found, forbidden), 2 bad arguments, 3 authentication, 4 cannot reach the
 * platform. Errors are one line on stderr.
 */
@Command(name = "chariot events", mixinStandardHelpOptions = true, version = "chariot events 0.1.0",
        sortOptions = false, usageHelpAutoWidth = true,
        description = "The audit trail of a running Chariot platform: who changed what, when, through which "
                + "request (through its explorer API).",
        subcommands = {EventsCli.TailCommand.class, EventsCli.HistoryCommand.class, EventsCli.ShowCommand.class,
                EventsCli.StateCommand.class, EventsCli.ExportCommand.class},
        footer = {"", "Exit codes: 0 ok, 1 failed (not found, forbidden), 2 bad arguments, 3 authentication, "
                + "4 cannot reach the platform."})
public final class EventsCli implements Callable<Integer> {

    static final String PREFIX = "chariot events: ";

    @Spec
    CommandSpec spec;

    @Option(names = "--api", paramLabel = "URL", scope = ScopeType.INHERIT,
            description = "The platform's base URL. Default: env CHARIOT_API, else <work-dir>/platform.url "
                    + "(written by ./chariot up), else " + Connection.DEFAULT_API + ".")
    String api;

    @Option(names = "--work-dir", paramLabel = "DIR", scope = ScopeType.INHERIT,
            description = "The work directory of ./chariot up (platform.url, dev-credentials.env).")
    Path workDir;

    @Option(names = "--key-id", paramLabel = "ID", scope = ScopeType.INHERIT,
            description = "API key id. Default: env CHARIOT_API_KEY_ID, else the development key.")
    String keyId;

    @Option(names = "--key-secret", paramLabel = "SECRET", scope = ScopeType.INHERIT,
            description = "Its secret. Default: env CHARIOT_API_KEY_SECRET, else the development key's.")
    String keySecret;

    private final Map<String, String> env;

    EventsCli(Map<String, String> env) {
        this.env = env;
    }

    public static void main(String[] args) {
        CommandLines.runAndExit(commandLine(System.getenv()), args);
    }

    /** The configured command line; {@code env} stands for the process environment (tests pass their own). */
    public static CommandLine commandLine(Map<String, String> env) {
        return CommandLines.withOneLineErrors(new CommandLine(new EventsCli(env)), PREFIX);
    }

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "missing command: tail, history, show, state or export");
    }

    // ---- settings: the same places ./chariot projections looks (Connection) ------------------------------------

    EventsClient client() {
        return new EventsClient(new PlatformHttp(Connection.resolve(api, workDir, keyId, keySecret, env)));
    }

    // ---- commands -----------------------------------------------------------------------------------------------

    @Command(name = "tail", mixinStandardHelpOptions = true, sortOptions = false,
            description = "The newest events of the filter, oldest of them first, one line each; with --follow, "
                    + "then every new one as it is stored, until Ctrl-C.")
    static final class TailCommand implements Callable<Integer> {

        /**
         * How long a transaction may take to commit after a later position was seen (see follow): Axon's gap
         * timeout, by which the platform's own read side gives up on a gap, so a follower misses no event the
         * read models take.
         */
        static final long SETTLE_MILLIS = 60_000;
        /** How often the unsettled window is read again for late commits; new events are read every poll. */
        static final long WINDOW_MILLIS = 5_000;

        @ParentCommand
        EventsCli cli;

        @Spec
        CommandSpec spec;

        @Mixin
        Filters filters;

        @Option(names = {"-n", "--lines"}, paramLabel = "N", defaultValue = "20",
                description = "How many of the newest events to show first (default: ${DEFAULT-VALUE}, at most 500).")
        int lines;

        @Option(names = {"-f", "--follow"}, description = "Keep printing new events as they are stored.")
        boolean follow;

        @Option(names = "--interval", paramLabel = "SECONDS", defaultValue = "1",
                description = "Seconds between polls with --follow (default: ${DEFAULT-VALUE}).")
        double interval;

        @Option(names = "--json", description = "One JSON object per line (JSON Lines) instead of text.")
        boolean json;

        @Option(names = "--follow-events", hidden = true, defaultValue = "0",
                description = "Stop following after this many new events (0: never; for tests).")
        int followEvents;

        @Override
        public Integer call() {
            if (lines < 0 || lines > 500) {
                throw new ParameterException(spec.commandLine(), "--lines must be between 0 and 500");
            }
            if (!(interval > 0)) {
                throw new ParameterException(spec.commandLine(), "--interval must be more than 0 seconds");
            }
            EventsClient client = cli.client();
            PrintWriter out = spec.commandLine().getOut();
            boolean withTenant = filters.tenant == null;
            Map<String, String> query = new LinkedHashMap<>(filters.query());
            query.put("payloads", Boolean.toString(json));
            query.put("limit", Integer.toString(Math.max(lines, 1)));
            List<JsonNode> newest = new ArrayList<>();
            client.get("/events", query).path("events").forEach(newest::add);
            long after = newest.isEmpty() ? 0 : newest.get(0).path("position").asLong();
            for (int i = Math.min(lines, newest.size()) - 1; i >= 0; i--) {
                print(out, newest.get(i), withTenant);
            }
            out.flush();
            if (follow) {
                follow(client, query, after, out, withTenant);
            }
            return 0;
        }

        /**
         * Polls forward. Positions are taken when a transaction writes and become visible when it commits, so a
         * later position can show before an earlier one: every poll reads what follows the newest position
         * printed, and every {@link #WINDOW_MILLIS} the follower reads again from the newest position seen more
         * than {@link #SETTLE_MILLIS} ago (settled), printing what it had not.
         */
        private void follow(EventsClient client, Map<String, String> query, long after, PrintWriter out,
                            boolean withTenant) {
            TreeMap<Long, Long> recent = new TreeMap<>(); // position -> when it was first printed
            long settled = after;
            long windowReadAt = System.currentTimeMillis();
            query.put("limit", "500");
            int printed = 0;
            while (true) {
                CommandLines.sleep(Math.round(interval * 1000));
                long now = System.currentTimeMillis();
                boolean window = now - windowReadAt >= WINDOW_MILLIS;
                long from = window || recent.isEmpty() ? settled : Math.max(settled, recent.lastKey());
                if (window) {
                    windowReadAt = now;
                }
                while (true) {
                    query.put("after", Long.toString(from));
                    JsonNode page = client.get("/events", query);
                    for (JsonNode e : page.path("events")) {
                        long position = e.path("position").asLong();
                        if (position > after && recent.putIfAbsent(position, now) == null) {
                            print(out, e, withTenant);
                            printed++;
                        }
                    }
                    out.flush();
                    if (page.path("events").size() < 500) {
                        break;
                    }
                    from = page.path("nextAfter").asLong();
                }
                for (var seen = recent.firstEntry(); seen != null && seen.getValue() <= now - SETTLE_MILLIS
                        && recent.size() > 1; seen = recent.firstEntry()) {
                    settled = Math.max(settled, seen.getKey());
                    recent.pollFirstEntry();
                }
                if (followEvents > 0 && printed >= followEvents) {
                    out.flush();
                    return;
                }
            }
        }

        private void print(PrintWriter out, JsonNode e, boolean withTenant) {
            out.println(json ? EventLines.compact(e) : EventLines.line(e, withTenant));
        }
    }

    @Command(name = "history", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Every event of one record, oldest first: version, time, event, who, request, "
                    + "correlation id, and what it recorded (its payload).")
    static final class HistoryCommand implements Callable<Integer> {

        @ParentCommand
        EventsCli cli;

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "KEY", description = "The record's Chariot key, e.g. #risk#example.com#cve-2024-1.")
        String key;

        @Option(names = "--tenant", paramLabel = "TENANT", description = "Whose record (operators must say).")
        String tenant;

        @Option(names = "--json", description = "The API's JSON answers, one per page.")
        boolean json;

        @Override
        public Integer call() {
            EventsClient client = cli.client();
            PrintWriter out = spec.commandLine().getOut();
            Map<String, String> query = new LinkedHashMap<>();
            query.put("tenant", tenant);
            query.put("key", key);
            boolean first = true;
            while (true) {
                JsonNode history = client.get("/events/history", query);
                if (json) {
                    out.println(EventLines.compact(history));
                } else {
                    if (first) {
                        out.println(EventLines.text(history, "aggregateType") + " " + EventLines.text(history, "key")
                                + " of " + EventLines.text(history, "tenant") + ": " + (history.path("latest")
                                .asLong() + 1) + " versions");
                    }
                    for (JsonNode e : history.path("events")) {
                        out.println(String.format("v%-4d %s", e.path("sequence").asLong(), EventLines.line(e, false)
                                .replaceFirst("  [^ ]+ v\\d+  by", "  by")));
                        out.println("      " + EventLines.compact(e.get("payload")));
                    }
                }
                out.flush();
                first = false;
                if (history.path("nextFrom").isNull() || history.path("nextFrom").isMissingNode()) {
                    return 0;
                }
                query.put("from", history.path("nextFrom").asText());
            }
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, sortOptions = false,
            description = "One event by its id: who, when, which request and command, its payload and metadata.")
    static final class ShowCommand implements Callable<Integer> {

        @ParentCommand
        EventsCli cli;

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "ID", description = "The event id (the last column of tail and history).")
        String id;

        @Option(names = "--json", description = "The API's JSON answer.")
        boolean json;

        @Override
        public Integer call() {
            if (!id.matches("[A-Za-z0-9-]{1,64}")) {
                throw new ParameterException(spec.commandLine(), "an event id is letters, digits and '-', not '"
                        + id + "'");
            }
            JsonNode event = cli.client().get("/events/" + id, Map.of());
            PrintWriter out = spec.commandLine().getOut();
            out.print(json ? EventLines.compact(event) + "\n" : EventLines.details(event));
            out.flush();
            return 0;
        }
    }

    @Command(name = "state", mixinStandardHelpOptions = true, sortOptions = false,
            description = "A record as it was: its aggregate's state after version N or at a time (default: now), "
                    + "replayed from its events.")
    static final class StateCommand implements Callable<Integer> {

        @ParentCommand
        EventsCli cli;

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "KEY", description = "The record's Chariot key.")
        String key;

        @Option(names = "--tenant", paramLabel = "TENANT", description = "Whose record (operators must say).")
        String tenant;

        @Option(names = "--version", paramLabel = "N", description = "After its Nth event (0 is the first).")
        Long version;

        @Option(names = "--at", paramLabel = "TIME", description = "As it was at this time (ISO-8601, UTC).")
        String at;

        @Override
        public Integer call() {
            if (version != null && at != null) {
                throw new ParameterException(spec.commandLine(), "give --version or --at, not both");
            }
            Map<String, String> query = new LinkedHashMap<>();
            query.put("tenant", tenant);
            query.put("key", key);
            query.put("sequence", version == null ? null : version.toString());
            query.put("at", at);
            JsonNode state = cli.client().get("/events/state", query);
            PrintWriter out = spec.commandLine().getOut();
            out.println(EventLines.text(state, "aggregateType") + " " + EventLines.text(state, "key") + " as of version "
                    + state.path("state").path("sequence").asLong() + " of " + state.path("latest").asLong() + " ("
                    + EventLines.text(state.path("state"), "at") + "):");
            out.println(EventLines.indented(state.path("state").get("fields")));
            out.flush();
            return 0;
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Every event of the filter, oldest first, as JSON Lines or CSV, streamed to stdout or "
                    + "a file.")
    static final class ExportCommand implements Callable<Integer> {

        @ParentCommand
        EventsCli cli;

        @Spec
        CommandSpec spec;

        @Mixin
        Filters filters;

        @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "jsonl",
                description = "jsonl or csv (default: ${DEFAULT-VALUE}).")
        String format;

        @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write here instead of stdout.")
        Path output;

        @Override
        public Integer call() {
            if (!format.equals("jsonl") && !format.equals("csv")) {
                throw new ParameterException(spec.commandLine(), "--format must be jsonl or csv");
            }
            Map<String, String> query = new LinkedHashMap<>(filters.query());
            query.put("format", format);
            EventsClient client = cli.client();
            try (InputStream body = client.open("/events/export", query)) {
                if (output == null) {
                    PrintWriter out = spec.commandLine().getOut();
                    new InputStreamReader(body, StandardCharsets.UTF_8).transferTo(out);
                    out.flush();
                } else {
                    try (OutputStream file = Files.newOutputStream(output)) {
                        body.transferTo(file);
                    }
                }
            } catch (IOException e) {
                throw output == null ? client.unreachable(e)
                        : new CliFailure(CliFailure.FAILED, "cannot write " + output + ": " + e.getMessage());
            }
            return 0;
        }
    }
}
