package io.chariot.migration.cli;

import io.chariot.infra.local.StackEndpoints;
import io.chariot.migration.mapping.ImportPlan;
import io.chariot.migration.mapping.Planner;
import io.chariot.migration.source.ExportFolder;
import io.chariot.migration.source.LegacyData;
import io.chariot.migration.source.SourceException;
import io.chariot.migration.store.EventStore;
import io.chariot.migration.store.Importer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ScopeType;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code ./chariot migrate}: import the legacy platform's exports as events (plan, run), keep importing a live
 * table's changes during the cut-over (follow), and check the result through the query API (verify). Exit codes:
 * 0 ok, 1 failed or differences found, 2 bad arguments, 3 authentication, 4 platform or store unreachable.
 */
@Command(name = "chariot migrate", mixinStandardHelpOptions = true, version = "chariot migrate 0.1.0",
        sortOptions = false, usageHelpAutoWidth = true,
        description = "Import the legacy platform's data as events (docs/migration.md).",
        subcommands = {MigrateCli.Plan.class, MigrateCli.Run.class, VerifyCommand.class, FollowCommand.class})
public final class MigrateCli implements Callable<Integer> {

    @Option(names = "--work-dir", paramLabel = "DIR", scope = ScopeType.INHERIT,
            description = "The work directory of ./chariot up: the stack's endpoints (stack/endpoints.properties), "
                    + "platform.url and dev-credentials.env. Default: .chariot of the project.")
    Path workDir;

    final Map<String, String> env;
    final PrintStream out;
    final PrintStream err;

    public MigrateCli() {
        this(System.getenv(), System.out, System.err);
    }

    public MigrateCli(Map<String, String> env, PrintStream out, PrintStream err) {
        this.env = env;
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        System.exit(execute(new MigrateCli(), args));
    }

    /** Runs the CLI; every failure is one line on stderr and an exit code. */
    public static int execute(MigrateCli cli, String... args) {
        CommandLine commandLine = new CommandLine(cli);
        commandLine.setOut(new java.io.PrintWriter(cli.out, true));
        commandLine.setErr(new java.io.PrintWriter(cli.err, true));
        commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof CliFailure f) {
                cli.err.println("chariot migrate: " + f.getMessage());
                return f.exitCode;
            }
            if (e instanceof SourceException s) {
                cli.err.println("chariot migrate: source refused: " + s.getMessage());
                return CliFailure.FAILED;
            }
            cli.err.println("chariot migrate: failed: " + e.getClass().getSimpleName() + ": " + e.getMessage());
            return CliFailure.FAILED;
        });
        commandLine.setParameterExceptionHandler((e, a) -> {
            cli.err.println("chariot migrate: " + e.getMessage());
            return CliFailure.BAD_ARGUMENTS;
        });
        return commandLine.execute(args);
    }

    @Override
    public Integer call() {
        new CommandLine(this).usage(out);
        return 0;
    }

    Path workDir() {
        if (workDir != null) {
            return workDir;
        }
        Path cwd = Path.of("").toAbsolutePath();
        for (Path dir = cwd; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("chariot")) && Files.isRegularFile(dir.resolve("mvnw"))) {
                return dir.resolve(".chariot");
            }
        }
        return cwd.resolve(".chariot");
    }

    /** The event store: CHARIOT_POSTGRES_* over the running stack's endpoints file. */
    EventStore eventStore(int pool) {
        StackEndpoints endpoints = StackEndpoints.readIfPresent(workDir().resolve("stack"))
                .map(e -> e.overlay(env))
                .orElseGet(() -> StackEndpoints.fromEnvironment(env));
        if (endpoints.postgresJdbcUrl() == null) {
            throw new CliFailure(CliFailure.UNREACHABLE, "no event store: start the stack (./chariot up) or set "
                    + StackEndpoints.ENV_POSTGRES_URL);
        }
        String user = endpoints.postgresUser() == null ? StackEndpoints.DEFAULT_POSTGRES_USER
                : endpoints.postgresUser();
        String password = endpoints.postgresPassword() == null ? StackEndpoints.DEFAULT_POSTGRES_PASSWORD
                : endpoints.postgresPassword();
        EventStore store;
        try {
            store = new EventStore(endpoints.postgresJdbcUrl(), user, password, pool,
                    EventStore.masterKey(env, workDir()));
        } catch (RuntimeException e) {
            throw new CliFailure(CliFailure.UNREACHABLE, "event store " + endpoints.postgresJdbcUrl()
                    + " unreachable: " + rootMessage(e));
        }
        try {
            store.ensureSchema();
        } catch (IllegalStateException e) {
            store.close();
            throw new CliFailure(CliFailure.FAILED, e.getMessage());
        }
        return store;
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    /** The source options every command that reads the legacy data shares. */
    static class SourceOptions {
        @Parameters(index = "0", paramLabel = "SOURCE", description = "A folder laid out like the legacy exports: "
                + "dynamodb/AWSDynamoDB/<export-id>/ and/or neo4j/graph.jsonl.")
        Path source;

        @CommandLine.ArgGroup(exclusive = false)
        LiveTableOptions live;

        LegacyData read(PrintStream err) {
            if (!Files.isDirectory(source)) {
                throw new CliFailure(CliFailure.BAD_ARGUMENTS, "SOURCE " + source + " is not a folder");
            }
            LegacyData data = ExportFolder.read(source);
            if (live != null) {
                live.replaceTable(data, err);
            }
            return data;
        }
    }

    @Command(name = "plan", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Read the exports, check manifests and checksums, and report counts by type and tenant, "
                    + "what would be normalised and every record that cannot be imported. Writes nothing but the "
                    + "quarantine file."})
    static final class Plan implements Callable<Integer> {
        @CommandLine.ParentCommand
        MigrateCli cli;

        @CommandLine.Mixin
        SourceOptionsMixin sourceOptions;

        @Option(names = "--quarantine", paramLabel = "FILE", defaultValue = "migration-quarantine.jsonl",
                description = "Where to write the records that cannot be imported, with reasons (JSON lines). "
                        + "Default: ${DEFAULT-VALUE}.")
        Path quarantine;

        @Override
        public Integer call() throws IOException {
            ImportPlan plan = Planner.plan(sourceOptions.read(cli.err));
            Reports.plan(cli.out, plan);
            Reports.writeQuarantine(quarantine, plan.quarantine);
            cli.out.println("quarantine file: " + quarantine.toAbsolutePath());
            return 0;
        }
    }

    @Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Append the events of every importable legacy record to the platform's event store, "
                    + "with deterministic identifiers (a re-run appends nothing twice), checkpointed per "
                    + "transaction (kill it at any moment and run it again: the result is the same). The read "
                    + "models follow through the platform's normal path."})
    static final class Run implements Callable<Integer> {
        @CommandLine.ParentCommand
        MigrateCli cli;

        @CommandLine.Mixin
        SourceOptionsMixin sourceOptions;

        @Option(names = "--quarantine", paramLabel = "FILE", defaultValue = "migration-quarantine.jsonl",
                description = "Where to write what was not imported, with reasons (JSON lines). Default: "
                        + "${DEFAULT-VALUE}.")
        Path quarantine;

        @Option(names = "--batch-events", paramLabel = "N", defaultValue = "2000",
                description = "Events per transaction (whole aggregates; default ${DEFAULT-VALUE}; at most 10000, "
                        + "the event store readers' gap window).")
        int batchEvents;

        @Option(names = "--writers", paramLabel = "N", defaultValue = "2",
                description = "Transactions in flight at once (default ${DEFAULT-VALUE}).")
        int writers;

        @Option(names = "--max-rate", paramLabel = "RECORDS_PER_SECOND", defaultValue = "0",
                description = "Import at most this many legacy records per second, to spare a busy platform "
                        + "(default: no limit).")
        double maxRate;

        @Override
        public Integer call() throws Exception {
            if (batchEvents < 1 || batchEvents > 10_000 || writers < 1 || writers > 16 || maxRate < 0) {
                throw new CliFailure(CliFailure.BAD_ARGUMENTS, "--batch-events must be 1..10000, --writers 1..16, "
                        + "--max-rate not negative");
            }
            ImportPlan plan = Planner.plan(sourceOptions.read(cli.err));
            cli.out.printf(Locale.ROOT, "source %s: %,d records to import as %,d events into %,d aggregates; %,d "
                    + "quarantined%n", plan.sourceName, plan.records(), plan.events(), plan.units.size(),
                    plan.quarantinedRecords());
            try (EventStore store = cli.eventStore(writers + 1)) {
                Importer importer = new Importer(store, new Importer.Options(batchEvents, writers, maxRate));
                ProgressBar bar = new ProgressBar(cli.err, plan.records(), "records");
                long started = System.nanoTime();
                Importer.Result result = importer.run(plan, bar::update);
                bar.finish();
                double seconds = (System.nanoTime() - started) / 1e9;
                var conflicts = importer.conflicts(plan.sourceName);
                Reports.writeQuarantine(quarantine, Reports.withConflicts(plan.quarantine, conflicts));
                cli.out.printf(Locale.ROOT, "%s: %,d events appended for %,d aggregates in %.1f s (%,.0f records/s)%s; "
                                + "%,d already done; %,d refused as conflicts; quarantine: %s%n",
                        result.resumed() ? "resumed" : "done", result.eventsAppended(), result.unitsWritten(), seconds,
                        (result.recordsDone()) / Math.max(seconds, 1e-3), "", result.unitsSkipped(),
                        conflicts.size(), quarantine.toAbsolutePath());
                return 0;
            }
        }
    }

    /** The SOURCE parameter and the live-table options, shared by plan, run and verify. */
    static final class SourceOptionsMixin extends SourceOptions {
    }
}
