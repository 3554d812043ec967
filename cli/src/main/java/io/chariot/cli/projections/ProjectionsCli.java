package io.chariot.cli.projections;

import io.chariot.cli.connection.CliFailure;
import io.chariot.cli.connection.CommandLines;
import io.chariot.cli.connection.Connection;
import io.chariot.cli.connection.PlatformHttp;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import static io.chariot.cli.projections.AdminModel.DryRun;
import static io.chariot.cli.projections.AdminModel.Projection;
import static io.chariot.cli.projections.AdminModel.Rebuild;

/**
 * {@code ./chariot projections …}: list the read-model projections of a running platform, show their status, rebuild
 * one from the event store. A client of the platform's admin HTTP API ({@code /token}, {@code /admin/projections}).
 *
 * <p>Exit codes: 0 ok, 1 operation failed, 2 bad arguments / unknown projection / unsupported, 3 authentication,
 * 4 cannot reach the platform. Expected errors are one line on stderr, never a stack trace.
 */
@Command(name = "chariot projections", mixinStandardHelpOptions = true, version = "chariot projections 0.1.0",
        sortOptions = false, usageHelpAutoWidth = true,
        description = "Inspect and rebuild the read-model projections of a running Chariot platform "
                + "(through its admin API).",
        subcommands = {ProjectionsCli.ListCommand.class, ProjectionsCli.StatusCommand.class,
                ProjectionsCli.RebuildCommand.class, ProjectionsCli.VerifyCommand.class,
                ProjectionsCli.AbortCommand.class, DlqCommands.class, SagasCommands.class},
        footer = {"", "Exit codes: 0 ok, 1 operation failed, 2 bad arguments, unknown projection or unsupported, "
                + "3 authentication, 4 cannot reach the platform."})
public final class ProjectionsCli implements Callable<Integer> {

    static final String PREFIX = "chariot projections: ";

    @Spec
    CommandSpec spec;

    @Option(names = "--api", paramLabel = "URL", scope = ScopeType.INHERIT,
            description = "The platform's base URL. Default: env CHARIOT_API, else the URL in "
                    + "<work-dir>/platform.url (written by ./chariot up), else " + Connection.DEFAULT_API + ".")
    String api;

    @Option(names = "--work-dir", paramLabel = "DIR", scope = ScopeType.INHERIT,
            description = "The work directory of ./chariot up (platform.url, dev-credentials.env). "
                    + "Default: .chariot under the project root, else under the current directory.")
    Path workDir;

    @Option(names = "--key-id", paramLabel = "ID", scope = ScopeType.INHERIT,
            description = "API key id of a platform operator. Default: env CHARIOT_API_KEY_ID, else "
                    + "CHARIOT_BOOTSTRAP_API_KEY_ID from the environment or <work-dir>/dev-credentials.env.")
    String keyId;

    @Option(names = "--key-secret", paramLabel = "SECRET", scope = ScopeType.INHERIT,
            description = "Its secret. Default: env CHARIOT_API_KEY_SECRET, else CHARIOT_BOOTSTRAP_API_KEY_SECRET "
                    + "from the environment or <work-dir>/dev-credentials.env.")
    String keySecret;

    @Option(names = "--heartbeat-millis", hidden = true, scope = ScopeType.INHERIT, defaultValue = "5000",
            description = "How often a long call checks that the platform still answers (tests shorten it).")
    long heartbeatMillis;

    private final Map<String, String> env;
    private final boolean stdoutTerminal;
    private final boolean stderrTerminal;

    ProjectionsCli(Map<String, String> env, boolean stdoutTerminal, boolean stderrTerminal) {
        this.env = env;
        this.stdoutTerminal = stdoutTerminal;
        this.stderrTerminal = stderrTerminal;
    }

    public static void main(String[] args) {
        boolean terminal = System.console() != null;
        CommandLines.runAndExit(commandLine(System.getenv(), terminal, terminal), args);
    }

    /** The configured command line; {@code env} replaces the process environment (tests pass their own). */
    static CommandLine commandLine(Map<String, String> env, boolean stdoutTerminal, boolean stderrTerminal) {
        return CommandLines.withOneLineErrors(new CommandLine(new ProjectionsCli(env, stdoutTerminal, stderrTerminal)),
                PREFIX);
    }

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "missing command: list, status, rebuild, verify, abort or dlq");
    }

    // ---- settings -----------------------------------------------------------------------------------------------

    AdminClient client() {
        return new AdminClient(new PlatformHttp(Connection.resolve(api, workDir, keyId, keySecret, env)),
                Duration.ofMillis(heartbeatMillis), AdminClient.DEFAULT_MISSED_HEARTBEATS);
    }

    /**
     * Progress of a call that takes as long as it takes: on a terminal one line rewritten in place, else a line
     * every 30 s.
     */
    java.util.function.Consumer<Duration> waitingLine(PrintWriter err, String what) {
        long[] lastPrinted = {0};
        return waited -> {
            String line = PREFIX + what + " ... " + Views.duration(waited.toSeconds())
                    + " (the platform is answering)";
            if (stderrTerminal) {
                err.print("\r" + line + "\033[K");
                err.flush();
            } else if (waited.toSeconds() - lastPrinted[0] >= 30) {
                lastPrinted[0] = waited.toSeconds();
                err.println(line);
                err.flush();
            }
        };
    }

    // ---- commands -----------------------------------------------------------------------------------------------

    @Command(name = "list", mixinStandardHelpOptions = true, sortOptions = false,
            description = "List the projections: name, store, version, processing group, state, lag (events behind "
                    + "the head, - when unknown) and segments (SEGMENT@POSITION and caught-up, behind, replaying "
                    + "or error).")
    static final class ListCommand implements Callable<Integer> {

        @ParentCommand
        ProjectionsCli cli;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            List<Projection> projections = cli.client().list().projections();
            PrintWriter out = spec.commandLine().getOut();
            out.print(Views.table(projections));
            out.flush();
            return 0;
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Show one projection: its row of the list, each segment's position and the last or "
                    + "running rebuild.")
    static final class StatusCommand implements Callable<Integer> {

        @ParentCommand
        ProjectionsCli cli;

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "NAME", description = "The projection, e.g. assets-dynamodb (see list).")
        String name;

        @Option(names = {"-w", "--watch"}, description = "Redraw every --interval seconds until Ctrl-C.")
        boolean watch;

        @Option(names = "--interval", paramLabel = "SECONDS", defaultValue = "2",
                description = "Seconds between redraws with --watch (default: ${DEFAULT-VALUE}).")
        double interval;

        @Option(names = "--watch-count", hidden = true, defaultValue = "0",
                description = "Stop after this many redraws (0: never; for tests).")
        int watchCount;

        @Override
        public Integer call() {
            if (!(interval > 0)) {
                throw new ParameterException(spec.commandLine(), "--interval must be more than 0 seconds");
            }
            AdminClient client = cli.client();
            PrintWriter out = spec.commandLine().getOut();
            if (!watch) {
                out.print(Views.status(client.get(name)));
                out.flush();
                return 0;
            }
            for (int drawn = 1; ; drawn++) {
                String snapshot = Views.status(client.get(name));
                String header = "Every " + Views.elapsed(Duration.ofMillis(Math.round(interval * 1000)))
                        .replace(".0s", "s") + ": chariot projections status " + name + "    "
                        + LocalTime.now().format(DateTimeFormatter.ofPattern("HH:mm:ss")) + "\n\n";
                if (cli.stdoutTerminal) {
                    out.print("\033[H\033[2J" + header + snapshot);
                } else {
                    out.print((drawn > 1 ? "\n" : "") + header + snapshot);
                }
                out.flush();
                if (watchCount > 0 && drawn >= watchCount) {
                    return 0;
                }
                CommandLines.sleep(Math.round(interval * 1000));
            }
        }
    }

    @Command(name = "rebuild", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Rebuild one projection from the event store: the platform replays every event into it "
                    + "while it keeps serving, then it follows the live head again.",
                    "Unless --no-wait, follows it with a progress bar on stderr and prints one line when it has "
                            + "caught up (exit 0) or failed (exit 1)."})
    static final class RebuildCommand implements Callable<Integer> {

        @ParentCommand
        ProjectionsCli cli;

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "NAME", description = "The projection, e.g. assets-dynamodb (see list).")
        String name;

        @Option(names = "--dry-run", description = "Only show what a rebuild would do (events to replay, steps); "
                + "changes nothing.")
        boolean dryRun;

        @Option(names = "--no-wait", description = "Start the rebuild and return at once (follow it with "
                + "status NAME --watch).")
        boolean noWait;

        @Option(names = "--blue-green", description = "Build a new generation beside the live one (own table, "
                + "suffixed graph labels, own Redis prefix) while queries keep reading the live one; verify it, "
                + "switch the read alias atomically, drop the old generation.")
        boolean blueGreen;

        @Option(names = "--segments", paramLabel = "N", defaultValue = "1", description = "Apply events with N "
                + "threads in parallel, each aggregate's events in order on one of them (1-32, default: "
                + "${DEFAULT-VALUE}).")
        int segments;

        @Option(names = "--from", paramLabel = "POSITION", description = "In place, without clearing: replay only "
                + "the events after this event-store position (e.g. after restoring a store backup).")
        Long from;

        @Option(names = "--since", paramLabel = "TIME", description = "In place, without clearing: replay only the "
                + "events stored after this ISO-8601 time, e.g. 2026-11-24T08:00:00Z.")
        String since;

        @Option(names = "--restart", description = "Discard an unfinished rebuild's checkpoint and start over "
                + "(by default an unfinished rebuild resumes from its checkpoint).")
        boolean restart;

        @Option(names = "--accept-differences", description = "Blue-green: switch even if the new generation "
                + "differs from the live one (when the live one is known to be wrong).")
        boolean acceptDifferences;

        @Option(names = "--max-rate", paramLabel = "EVENTS_PER_SECOND", description = "Replay at most this many "
                + "events per second, to spare a store that is serving heavy traffic (default: no limit).")
        Integer maxRate;

        @Option(names = "--poll-millis", hidden = true, defaultValue = "500",
                description = "Milliseconds between status polls (for tests).")
        long pollMillis;

        @Override
        public Integer call() {
            if (pollMillis < 1) {
                throw new ParameterException(spec.commandLine(), "--poll-millis must be at least 1");
            }
            if (maxRate != null && maxRate < 1) {
                throw new ParameterException(spec.commandLine(), "--max-rate must be at least 1 event per second");
            }
            if (segments < 1 || segments > 32) {
                throw new ParameterException(spec.commandLine(), "--segments must be between 1 and 32");
            }
            if (from != null && since != null) {
                throw new ParameterException(spec.commandLine(), "give either --from or --since, not both");
            }
            if (from != null && from < 0) {
                throw new ParameterException(spec.commandLine(), "--from must not be negative");
            }
            if (blueGreen && (from != null || since != null)) {
                throw new ParameterException(spec.commandLine(), "--blue-green always replays every event: "
                        + "--from and --since apply to in-place rebuilds");
            }
            if (since != null && Views.instant(since) == null) {
                throw new ParameterException(spec.commandLine(), "--since must be an ISO-8601 time such as "
                        + "2026-11-24T08:00:00Z, got '" + since + "'");
            }
            if (acceptDifferences && !blueGreen) {
                throw new ParameterException(spec.commandLine(), "--accept-differences only applies to --blue-green");
            }
            StringBuilder query = new StringBuilder("segments=" + segments);
            if (blueGreen) {
                query.append("&blueGreen=true");
            }
            if (from != null) {
                query.append("&from=").append(from);
            }
            if (since != null) {
                query.append("&since=").append(Views.instant(since));
            }
            if (restart) {
                query.append("&restart=true");
            }
            if (acceptDifferences) {
                query.append("&acceptDifferences=true");
            }
            if (maxRate != null) {
                query.append("&maxRate=").append(maxRate);
            }
            AdminClient client = cli.client();
            PrintWriter out = spec.commandLine().getOut();
            if (dryRun) {
                DryRun plan = client.dryRun(name, query.toString());
                out.println((plan.name() == null ? name : plan.name()) + " (" + plan.store() + "): a "
                        + (plan.mode() == null ? "" : plan.mode() + " ") + "rebuild would replay "
                        + (plan.eventsTotal() == null ? "all" : plan.eventsTotal()) + " events");
                int step = 1;
                for (String s : plan.steps()) {
                    out.println("  " + step++ + ". " + CommandLines.oneLine(s));
                }
                out.println("dry run: nothing was changed");
                out.flush();
                return 0;
            }
            long startedAt = System.nanoTime();
            Projection started = client.rebuild(name, query.toString());
            if (noWait) {
                Long total = started.rebuild() == null ? null : started.rebuild().eventsTotal();
                out.println(name + ": rebuild started" + (total == null ? "" : " (" + total + " events to replay)")
                        + "; follow it with ./chariot projections status " + name + " --watch");
                out.flush();
                return 0;
            }
            return follow(client, started, startedAt, out, spec.commandLine().getErr());
        }

        private int follow(AdminClient client, Projection current, long startedAt, PrintWriter out, PrintWriter err) {
            Thread notice = new Thread(() -> {
                err.println();
                err.println(PREFIX + "stopped following; the rebuild of '" + name + "' goes on in the platform "
                        + "(./chariot projections status " + name + " --watch)");
                err.flush();
            });
            boolean hooked = addShutdownHook(notice);
            String lastLine = null;
            try {
                while (true) {
                    Rebuild rebuild = current.rebuild();
                    if (rebuild != null) {
                        String line = Views.progressBar(rebuild);
                        if (cli.stderrTerminal) {
                            err.print("\r" + line + "\033[K");
                            err.flush();
                        } else if (!line.equals(lastLine)) {
                            err.println(line);
                            err.flush();
                        }
                        lastLine = line;
                        if (rebuild.done()) {
                            endBar(err);
                            out.println(Views.caughtUp(name, rebuild, Duration.ofNanos(System.nanoTime() - startedAt)));
                            out.flush();
                            return 0;
                        }
                        if (rebuild.aborted()) {
                            endBar(err);
                            throw new CliFailure(CliFailure.FAILED, CommandLines.oneLine(rebuild.error()));
                        }
                        if (rebuild.failed()) {
                            endBar(err);
                            throw new CliFailure(CliFailure.FAILED, "rebuild of '" + name + "' failed after "
                                    + (rebuild.eventsDone() == null ? 0 : rebuild.eventsDone()) + " events: "
                                    + (rebuild.error() == null ? "no reason given (see the platform log)"
                                    : CommandLines.oneLine(rebuild.error())));
                        }
                    } else if ("failed".equals(current.state())) {
                        throw new CliFailure(CliFailure.FAILED, "projection '" + name + "' failed (see ./chariot "
                                + "projections status " + name + ")");
                    }
                    CommandLines.sleep(pollMillis);
                    current = client.get(name);
                }
            } finally {
                if (hooked) {
                    try {
                        Runtime.getRuntime().removeShutdownHook(notice);
                    } catch (IllegalStateException shuttingDown) {
                        // the hook is running: let it print
                    }
                }
            }
        }

        private void endBar(PrintWriter err) {
            if (cli.stderrTerminal) {
                err.println();
                err.flush();
            }
        }

        private static boolean addShutdownHook(Thread hook) {
            try {
                Runtime.getRuntime().addShutdownHook(hook);
                return true;
            } catch (IllegalStateException | SecurityException e) {
                return false;
            }
        }
    }

    @Command(name = "verify", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Compare a projection with one rebuilt from scratch beside it: per-tenant record counts "
                    + "and content checksums. The live projection keeps serving; its processor pauses only while "
                    + "both are brought to the same event-store position.",
                    "Exit 0 when they match, 1 when they differ (the differing tenants are listed)."})
    static final class VerifyCommand implements Callable<Integer> {

        @ParentCommand
        ProjectionsCli cli;

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "NAME", description = "The projection, e.g. assets-dynamodb (see list).")
        String name;

        @Option(names = "--segments", paramLabel = "N", defaultValue = "1",
                description = "Replay with N threads in parallel (1-32, default: ${DEFAULT-VALUE}).")
        int segments;

        @Override
        public Integer call() {
            if (segments < 1 || segments > 32) {
                throw new ParameterException(spec.commandLine(), "--segments must be between 1 and 32");
            }
            PrintWriter err = spec.commandLine().getErr();
            err.println(PREFIX + "verifying " + name + ": replaying the event store beside it ...");
            err.flush();
            AdminModel.Verification v = cli.client().verify(name, segments, cli.waitingLine(err, "verifying " + name));
            if (cli.stderrTerminal) {
                err.print("\r\033[K");
                err.flush();
            }
            PrintWriter out = spec.commandLine().getOut();
            out.print(Views.verification(v));
            out.println(v.matches() ? name + ": matches a rebuild from the event store (" + v.eventsReplayed()
                    + " events replayed)" : name + ": DIFFERS from a rebuild from the event store");
            out.flush();
            return v.matches() ? 0 : CliFailure.FAILED;
        }
    }

    @Command(name = "abort", mixinStandardHelpOptions = true,
            description = "Stop a running rebuild. Its checkpoint stays: running the same rebuild again resumes it "
                    + "(add --restart to start over).")
    static final class AbortCommand implements Callable<Integer> {

        @ParentCommand
        ProjectionsCli cli;

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "NAME", description = "The projection being rebuilt.")
        String name;

        @Override
        public Integer call() {
            Projection p = cli.client().abort(name,
                    cli.waitingLine(spec.commandLine().getErr(), "aborting the rebuild of " + name));
            PrintWriter out = spec.commandLine().getOut();
            long done = p.rebuild() == null || p.rebuild().eventsDone() == null ? 0 : p.rebuild().eventsDone();
            out.println(name + ": rebuild aborted after " + done + " events; run it again to resume");
            out.flush();
            return 0;
        }
    }
}
