package io.chariot.load;

import io.chariot.infra.local.StackEndpoints;
import org.HdrHistogram.Histogram;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The asset benchmark: drives a running platform over HTTP and measures it. Not a test: it asserts nothing and
 * only reports. Phases (all optional, {@code --phases}):
 * <ol>
 *     <li>{@code put}: warm-up, then PUT /asset from C closed-loop workers, each request a new asset;
 *     then waits until every written asset is in all three read stores (how long each projection needed);</li>
 *     <li>{@code query}: POST /my with the CLI's body, key {@code =} and key {@code STARTS WITH};</li>
 *     <li>{@code lag}: PUT /asset at a moderate rate, time from the 200 until the asset is readable directly
 *     from DynamoDB, Neo4j and Redis, and from all three;</li>
 *     <li>{@code raw}: single-row inserts (one commit each) into a scratch table of the same PostgreSQL from C
 *     connections: the ceiling a durable event store works under;</li>
 *     <li>{@code ryw}: the price of read-your-writes — PUT /asset rounds alternating {@code Prefer: respond-async}
 *     (answers once stored) and the default (answers once visible in every read store), medians of each;</li>
 *     <li>{@code steps}: open-loop load stepping up in rate (commands plus as many reads), latency from the intended
 *     send time, per-store projection lag and CPU per command per step, the sustainable rate, then each store's raw
 *     write rate ({@link StepsPhase});</li>
 *     <li>{@code apply}: each store's live apply rate — its read models paused while assets are written, then let
 *     go one store at a time — against its raw write rate ({@link ApplyPhase}).</li>
 * </ol>
 * Prints each phase as it ends and a Markdown summary to paste into BENCHMARKS.md.
 */
@Command(name = "asset-benchmark", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
                "Load-tests a running Chariot platform (PUT /asset, POST /my), measures write-to-read visibility in "
                        + "DynamoDB, Neo4j and Redis, and the raw single-row commit rate of its PostgreSQL.",
                "Everything runs on this machine: the driver competes with the platform and the servers for the "
                        + "same cores (its share is printed). Endpoints come from <work-dir>/stack/endpoints.properties, "
                        + "the API key from <work-dir>/dev-credentials.env or CHARIOT_BOOTSTRAP_API_KEY_ID/_SECRET.",
                "--phases steps (issue 14): open-loop steps of --step-rates commands/s plus as many reads, latency "
                        + "from the intended send time, per-store lag and CPU per command per step; the sustainable rate "
                        + "is the highest step with command p99 < --step-write-p99-ms, read p99 < --step-read-p99-ms and "
                        + "no store's lag growing; then each store's raw write rate. Details: infra/load/README.md.",
                "--phases apply (issue 14): pauses the read models, writes --apply-assets assets, then times each "
                        + "store's read models catching up alone, against the store's raw write rate.",
                "Example: infra/load/run-benchmark.sh --port 18240 -- --phases steps --step-duration 30"})
public final class AssetBenchmark implements Callable<Integer> {

    @Option(names = "--url", defaultValue = "http://127.0.0.1:8080", description = "The platform (default: ${DEFAULT-VALUE}).")
    String url;

    @Option(names = "--work-dir", defaultValue = ".chariot",
            description = "The `./chariot up` work dir: stack/endpoints.properties, dev-credentials.env (default: ${DEFAULT-VALUE}).")
    Path workDir;

    @Option(names = "--stack-dir", description = "Directory of endpoints.properties (default: <work-dir>/stack).")
    Path stackDir;

    @Option(names = "--api-key-id", description = "API key id (default: CHARIOT_BOOTSTRAP_API_KEY_ID, then the credentials file).")
    String apiKeyId;

    @Option(names = "--api-key-secret", description = "API key secret (default: CHARIOT_BOOTSTRAP_API_KEY_SECRET, then the credentials file).")
    String apiKeySecret;

    @Option(names = {"-c", "--concurrency"}, defaultValue = "32", description = "Concurrent workers (default: ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(names = {"-d", "--duration"}, defaultValue = "30", description = "Seconds of each load phase (default: ${DEFAULT-VALUE}).")
    int durationSeconds;

    @Option(names = {"-n", "--requests"}, defaultValue = "0",
            description = "PUT /asset: stop after this many requests instead of --duration (0: use the duration).")
    long requests;

    @Option(names = "--warmup", defaultValue = "60",
            description = "Seconds of PUT warm-up before measuring; the platform's JIT needs minutes on 2 cores (default: ${DEFAULT-VALUE}).")
    int warmupSeconds;

    @Option(names = "--query-duration", description = "Seconds of each POST /my variant (default: --duration).")
    Integer queryDurationSeconds;

    @Option(names = "--query-warmup", defaultValue = "5", description = "Seconds of POST /my warm-up (default: ${DEFAULT-VALUE}).")
    int queryWarmupSeconds;

    @Option(names = "--lag-samples", defaultValue = "200", description = "Visibility samples (default: ${DEFAULT-VALUE}).")
    int lagSamples;

    @Option(names = "--lag-rate", defaultValue = "20", description = "PUTs per second while sampling visibility (default: ${DEFAULT-VALUE}).")
    double lagRate;

    @Option(names = "--lag-poll-ms", defaultValue = "5", description = "Store polling interval in ms (default: ${DEFAULT-VALUE}).")
    int lagPollMillis;

    @Option(names = "--lag-timeout", defaultValue = "60", description = "Seconds to wait for the last sample (default: ${DEFAULT-VALUE}).")
    int lagTimeoutSeconds;

    @Option(names = "--drain-timeout", defaultValue = "600",
            description = "Seconds to wait after the PUT phase for the read stores to catch up; 0 skips the wait "
                    + "(default: ${DEFAULT-VALUE}).")
    int drainTimeoutSeconds;

    @Option(names = "--raw-duration", description = "Seconds of the raw PostgreSQL insert phase (default: --duration).")
    Integer rawDurationSeconds;

    @Option(names = "--raw-row-bytes", defaultValue = "600", description = "bytea size per raw row (default: ${DEFAULT-VALUE}).")
    int rawRowBytes;

    @Option(names = "--http-client", defaultValue = "apache",
            description = "apache (HttpClient 5, about half the driver CPU per request here) or jdk (java.net.http) (default: ${DEFAULT-VALUE}).")
    String httpClient;

    @Option(names = "--phases", defaultValue = "put,query,lag,raw", split = ",",
            description = "Phases to run, of put, query, lag, raw, ryw, steps, apply (default: ${DEFAULT-VALUE}).")
    List<String> phases;

    @Option(names = "--step-rates", defaultValue = "100,200,400,800,1200,1600",
            description = "steps phase: offered commands/s of each step, stepping up; the same rate of reads comes on "
                    + "top (default: ${DEFAULT-VALUE}).")
    String stepRates;

    @Option(names = "--step-duration", defaultValue = "60", description = "steps phase: seconds per step (default: ${DEFAULT-VALUE}).")
    int stepSeconds;

    @Option(names = "--step-warmup", defaultValue = "30",
            description = "steps phase: seconds of unmeasured load at the first rate before the first step (default: ${DEFAULT-VALUE}).")
    int stepWarmupSeconds;

    @Option(names = "--step-fill", defaultValue = "10000",
            description = "steps phase: assets written (respond-async) and applied everywhere before the warm-up, so "
                    + "the steps meet stores that hold data, not empty ones; 0 for none (default: ${DEFAULT-VALUE}).")
    int stepFillAssets;

    @Option(names = "--step-mix", defaultValue = "asset=2,attribute=1,risk=1",
            description = "steps phase: relative weights of PUT /asset (a new asset), PUT /attribute and PUT /risk (on "
                    + "an acknowledged asset) (default: ${DEFAULT-VALUE}).")
    String stepMix;

    @Option(names = "--step-workers", defaultValue = "512",
            description = "steps phase: sending threads (and connections); a request starts late only when all wait "
                    + "for answers (default: ${DEFAULT-VALUE}).")
    int stepWorkers;

    @Option(names = "--step-late-ms", defaultValue = "10",
            description = "steps phase: a request started more than this after its intended time counts as late (default: ${DEFAULT-VALUE}).")
    int stepLateMs;

    @Option(names = "--step-write-p99-ms", defaultValue = "200", description = "steps phase: command p99 limit of a passing step (default: ${DEFAULT-VALUE}).")
    double stepWriteP99Ms;

    @Option(names = "--step-read-p99-ms", defaultValue = "100", description = "steps phase: read p99 limit of a passing step (default: ${DEFAULT-VALUE}).")
    double stepReadP99Ms;

    @Option(names = "--step-max-failed-pct", defaultValue = "1",
            description = "steps phase: most requests, in %%, that may fail or not start in a passing step (default: ${DEFAULT-VALUE}).")
    double stepMaxFailedPercent;

    @Option(names = "--step-stop-after", defaultValue = "2",
            description = "steps phase: stop after this many consecutive failing steps (default: ${DEFAULT-VALUE}).")
    int stepStopAfter;

    @Option(names = "--step-raw", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "steps phase: after the steps, measure each store's raw write rate for --raw-duration s "
                    + "(--no-step-raw skips it; default: on).")
    boolean stepRaw;

    @Option(names = "--apply-assets", defaultValue = "20000",
            description = "apply phase: assets written (respond-async) while the read models are paused (default: ${DEFAULT-VALUE}).")
    long applyAssets;

    @Option(names = "--apply-rounds", defaultValue = "2",
            description = "apply phase: rounds of (pause, write, catch up store by store); the first warms up (default: ${DEFAULT-VALUE}).")
    int applyRounds;

    @Option(names = "--apply-stores", defaultValue = "redis,neo4j,dynamodb", split = ",",
            description = "apply phase: the stores whose read models catch up, one after the other (default: ${DEFAULT-VALUE}).")
    List<String> applyStores;

    @Option(names = "--apply-timeout", defaultValue = "900",
            description = "apply phase: seconds a store may take to catch up (default: ${DEFAULT-VALUE}).")
    int applyTimeoutSeconds;

    @Option(names = "--prefer-async", description = "Send PUT /asset with 'Prefer: respond-async' in the put and lag "
            + "phases: the platform answers 202 once the events are stored, without waiting for the read models.")
    boolean preferAsync;

    @Option(names = "--ryw-rounds", defaultValue = "3",
            description = "ryw phase: rounds of (respond-async, read-your-writes), --duration s each (default: ${DEFAULT-VALUE}).")
    int rywRounds;

    @Option(names = "--key-base", description = "First asset number (default: epoch seconds x 1000, so runs never collide).")
    Long keyBase;

    @Option(names = "--table", defaultValue = "chariot", description = "DynamoDB table (default: ${DEFAULT-VALUE}).")
    String table;

    @Option(names = "--label", defaultValue = "", description = "A name for this run in the output (e.g. baseline).")
    String label;

    @Option(names = "--results", description = "Append this run's figures as one tab-separated key=value line to FILE.")
    Path resultsFile;

    @Option(names = "--progress", defaultValue = "0",
            description = "Print the throughput every this many seconds during load phases (0: off).")
    int progressSeconds;

    @Option(names = "--reproduce", hidden = true, description = "The command line to print as 'how to reproduce'.")
    String reproduce;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private static final Pattern TOKEN = Pattern.compile("\"token\"\\s*:\\s*\"([^\"]+)\"");

    private HttpDriver http;
    private Map<String, String> auth;
    private String tenant;
    private long base;
    private final Set<Long> failedPuts = ConcurrentHashMap.newKeySet();
    private final Map<String, String> results = new LinkedHashMap<>();
    private final List<String> notes = new ArrayList<>();

    private static final List<String> PHASES = List.of("put", "query", "lag", "raw", "ryw", "steps", "apply");

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line; a bad option is one line on stderr and exit code 2, not the whole usage text. */
    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new AssetBenchmark());
        cli.setParameterExceptionHandler((e, args) -> {
            e.getCommandLine().getErr().println("asset-benchmark: " + e.getMessage() + " (see --help)");
            return 2;
        });
        return cli;
    }

    private StepsPhase.Options stepOptions() {
        try {
            StepSchedule schedule = new StepSchedule(StepSchedule.parseRates(stepRates), stepSeconds,
                    StepSchedule.Mix.parse(stepMix));
            if (stepWorkers < 1 || stepLateMs < 0 || stepWarmupSeconds < 0 || stepFillAssets < 0 || stepStopAfter < 1
                    || !(stepWriteP99Ms > 0) || !(stepReadP99Ms > 0) || !(stepMaxFailedPercent >= 0)) {
                throw new IllegalArgumentException("--step-workers and --step-stop-after must be >= 1, the limits > 0, "
                        + "--step-late-ms, --step-warmup, --step-fill and --step-max-failed-pct >= 0");
            }
            int rawSeconds = rawDurationSeconds == null ? durationSeconds : rawDurationSeconds;
            return new StepsPhase.Options(schedule, stepWorkers, stepLateMs, new StepVerdicts.Limits(stepWriteP99Ms,
                    stepReadP99Ms, stepMaxFailedPercent, stepStopAfter), stepWarmupSeconds, stepFillAssets, stepRaw, rawSeconds,
                    4,
                    concurrency, rawRowBytes);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    @Override
    public Integer call() throws Exception {
        for (String phase : phases) {
            if (!PHASES.contains(phase)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--phases: unknown phase '" + phase
                        + "' (known: " + String.join(", ", PHASES) + ")");
            }
        }
        StepsPhase.Options steps = phases.contains("steps") ? stepOptions() : null;
        Duration duration = Duration.ofSeconds(durationSeconds);
        Duration queryDuration = Duration.ofSeconds(queryDurationSeconds == null ? durationSeconds : queryDurationSeconds);
        Duration rawDuration = Duration.ofSeconds(rawDurationSeconds == null ? durationSeconds : rawDurationSeconds);
        LoadRunner.progressSeconds = progressSeconds;
        base = keyBase != null ? keyBase : (System.currentTimeMillis() / 1000) * 1000;
        StackEndpoints endpoints = StackEndpoints.discover(stackDir != null ? stackDir : workDir.resolve("stack"))
                .orElseThrow(() -> new CommandLine.ParameterException(spec.commandLine(),
                        "no running stack: no complete endpoints file in " + (stackDir != null ? stackDir : workDir.resolve("stack"))
                                + " and no CHARIOT_* variables naming all five servers"));
        resolveCredentials();
        Path endpointsDir = (stackDir != null ? stackDir : workDir.resolve("stack")).toAbsolutePath().normalize();
        endpoints.stackPid().ifPresent(pid -> CpuAccounting.scopeTo(pid, endpointsDir.toString()));

        String started = OffsetDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        line("== Chariot asset benchmark%s — %s ==", label.isBlank() ? "" : " (" + label + ")", started);
        line("platform %s, concurrency %d, phases %s, http client %s, asset numbers from %d", url, concurrency,
                phases, httpClient, base);
        line("stack: %s", endpoints.summary());

        RawPostgres postgres = new RawPostgres(endpoints);
        Map<String, String> pgSettings = postgres.settings();
        line("postgres settings: %s", pgSettings);
        pgSettings.forEach((k, v) -> results.put("pg." + k, v));

        http = HttpDriver.create(httpClient, url, concurrency, Duration.ofSeconds(30));
        try (ReadStores stores = new ReadStores(endpoints, peekTenant(), table)) {
            login();
            line("tenant %s", tenant);
            AtomicLong sequence = new AtomicLong(base);

            LoadRunner.Result put = null;
            if (phases.contains("put")) {
                String first = putAsset(sequence.getAndIncrement());
                if (first == null) {
                    line("PUT /asset of a first asset failed; giving up");
                    return 1;
                }
                if (warmupSeconds > 0) {
                    report("warm-up PUT /asset", LoadRunner.run("put-warmup", concurrency,
                            Duration.ofSeconds(warmupSeconds), 0, sequence, this::putCall), "commands/s");
                }
                long measuredFrom = sequence.get();
                put = LoadRunner.run("put", concurrency, duration, requests, sequence, this::putCall);
                long loadEnd = System.nanoTime();
                report("PUT /asset", put, "commands/s");
                record("put", put);
                results.put("put.assets", Long.toString(sequence.get() - measuredFrom));
                if (drainTimeoutSeconds > 0) {
                    drain(stores, sequence.get(), loadEnd, put.seconds());
                }
            }

            List<LoadRunner.Result> queries = new ArrayList<>();
            if (phases.contains("query")) {
                long written = sequence.get() - base;
                if (written < 10) {
                    line("-- query phase: writing 1000 assets to query first");
                    LoadRunner.run("seed", concurrency, Duration.ZERO, 1000, sequence, this::putCall);
                    Drain.await(stores.probes(), base, sequence.get(), failedPuts::contains, this::keyOf,
                            System.nanoTime(), Duration.ofSeconds(drainTimeoutSeconds));
                }
                long hi = sequence.get();
                if (queryWarmupSeconds > 0) {
                    LoadRunner.run("query-warmup", concurrency, Duration.ofSeconds(queryWarmupSeconds), 0,
                            new AtomicLong(), (w, s) -> query(s % 2 == 0 ? "=" : "STARTS WITH", hi));
                }
                for (String op : List.of("=", "STARTS WITH")) {
                    LoadRunner.Result r = LoadRunner.run("query " + op, concurrency, queryDuration, 0,
                            new AtomicLong(), (w, s) -> query(op, hi));
                    report("POST /my key " + op, r, "queries/s");
                    record(op.equals("=") ? "query_eq" : "query_prefix", r);
                    queries.add(r);
                }
            }

            VisibilityLag.Result lag = null;
            if (phases.contains("lag")) {
                line("-- visibility lag: %d PUTs at %.0f/s, polling every %d ms ...", lagSamples, lagRate, lagPollMillis);
                long first = sequence.getAndAdd(lagSamples);
                lag = VisibilityLag.run(this::putAsset, first, stores.probes(), lagSamples, lagRate,
                        Duration.ofMillis(lagPollMillis), Duration.ofSeconds(lagTimeoutSeconds));
                for (var e : lag.byStore().entrySet()) {
                    line("   %-9s %s (not seen: %d)", e.getKey(), lagText(e.getValue()), lag.missing().get(e.getKey()));
                    results.put("lag." + e.getKey() + ".p50", fmt(p(e.getValue(), 50)));
                    results.put("lag." + e.getKey() + ".p99", fmt(p(e.getValue(), 99)));
                }
                line("   %-9s %s (%d of %d acknowledged samples)", "all three", lagText(lag.allStores()),
                        lag.complete(), lag.acknowledged());
                line("   CPU: %s", lag.cpu().describe());
                disturbed(lag.cpu());
                results.put("lag.all.p50", fmt(p(lag.allStores(), 50)));
                results.put("lag.all.p99", fmt(p(lag.allStores(), 99)));
                results.put("lag.all.max", fmt(lag.allStores().getTotalCount() == 0 ? Double.NaN
                        : lag.allStores().getMaxValue() / 1000.0));
            }

            if (phases.contains("ryw")) {
                rywPhase(stores, sequence, duration);
            }

            LoadRunner.Result raw = null;
            if (phases.contains("raw")) {
                line("-- raw PostgreSQL: %d connections, one %d-byte bytea row per transaction (autocommit) ...",
                        concurrency, rawRowBytes);
                raw = postgres.run(concurrency, Duration.ofSeconds(Math.min(5, rawDuration.toSeconds())), rawDuration,
                        rawRowBytes);
                report("raw PostgreSQL INSERT", raw, "rows/s");
                record("raw", raw);
            }
            if (put != null && raw != null && raw.throughput() > 0) {
                results.put("ratio", String.format(Locale.ROOT, "%.3f", put.throughput() / raw.throughput()));
            }
            if (steps != null) {
                stepsPhase(steps, stores, postgres, endpoints, sequence, started);
            }
            if (phases.contains("apply")) {
                applyPhase(stores, postgres, endpoints, sequence, started, rawDuration);
            }
            if (put != null || !queries.isEmpty() || lag != null || raw != null) {
                markdown(started, endpoints, pgSettings, put, queries, lag, raw);
            }
            appendResults();
        } finally {
            http.close();
        }
        return 0;
    }

    private void stepsPhase(StepsPhase.Options options, ReadStores stores, RawPostgres postgres,
                            StackEndpoints endpoints, AtomicLong sequence, String started) throws Exception {
        // Its own connection pool: one connection per sending thread.
        try (HttpDriver stepsHttp = HttpDriver.create(httpClient, url, options.workers(), Duration.ofSeconds(30))) {
            StepsPhase phase = new StepsPhase(options, stepsHttp, auth, sequence, AssetBenchmark::putBody,
                    AssetBenchmark::assetKey);
            List<StepsPhase.Step> measured = phase.run();
            List<StepsPhase.Raw> raws = options.raw() ? phase.raw(stores, postgres, endpoints.redisUrl(), tenant) : List.of();
            results.putAll(StepsPhase.results(measured, raws));
            System.out.print(phase.markdown(measured, raws, "Stepped open-loop run" + (label.isBlank() ? "" : " (" + label + ")") + " — "
                    + started, machine(), reproduce));
            System.out.flush();
        }
    }

    private void applyPhase(ReadStores stores, RawPostgres postgres, StackEndpoints endpoints, AtomicLong sequence,
                            String started, Duration rawDuration) throws Exception {
        if (applyAssets < 1 || applyTimeoutSeconds < 1 || applyRounds < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--apply-assets, --apply-rounds and --apply-timeout must be >= 1");
        }
        Map<String, String> async = new LinkedHashMap<>(auth);
        async.put("Prefer", "respond-async");
        ApplyPhase phase = new ApplyPhase(new ApplyPhase.Options(applyAssets, concurrency, applyStores,
                Duration.ofSeconds(applyTimeoutSeconds)), endpoints, new ProjectionLag(http, auth));
        List<ApplyPhase.Result> applied = new ArrayList<>();
        for (int round = 1; round <= applyRounds; round++) {
            applied.addAll(phase.run(round, sequence, (w, n) -> putWith(async, n)));
        }
        List<StepsPhase.Raw> raws = StepsPhase.rawRates(stores, postgres, endpoints.redisUrl(), tenant,
                (int) rawDuration.toSeconds(), 4, concurrency, rawRowBytes);
        results.putAll(ApplyPhase.results(applied, raws));
        System.out.print(ApplyPhase.markdown(applied, raws, "Live apply rate per store" + (label.isBlank() ? ""
                : " (" + label + ")") + " — " + started, machine(), reproduce, applyAssets));
        System.out.flush();
    }

    /** Waits until every asset written so far is in all three stores; reports how long each projection needed. */
    private void drain(ReadStores stores, long end, long loadEndNanos, double loadSeconds) throws InterruptedException {
        long assets = end - base;
        line("-- waiting for the read stores to hold all %d assets written so far ...", assets);
        Drain.Result drain = Drain.await(stores.probes(), base, end, failedPuts::contains, this::keyOf, loadEndNanos,
                Duration.ofSeconds(drainTimeoutSeconds));
        List<String> parts = new ArrayList<>();
        drain.caughtUpSeconds().forEach((store, s) -> {
            line("   %-8s %s", store, s < 0 ? "NOT caught up within " + drainTimeoutSeconds + " s ("
                    + drain.missingAtTimeout().get(store) + " missing)"
                    : String.format(Locale.ROOT, "caught up %.1f s after the load stopped", s));
            results.put("drain." + store, fmt(s));
            parts.add(store + " " + (s < 0 ? "not within " + drainTimeoutSeconds + " s" : fmt(s) + " s"));
        });
        notes.add(String.format(Locale.ROOT, "The read stores held all %d assets of the warm-up and PUT phases "
                + "this long after the last PUT (the PUT phase itself lasted %.0f s): %s", assets, loadSeconds,
                String.join(", ", parts)));
    }

    // ------------------------------------------------------------------------------------------------ requests

    private String keyOf(long n) {
        return assetKey(n);
    }

    static String assetKey(long n) {
        return "#asset#" + group(n) + "#" + identifier(n);
    }

    private static String group(long n) {
        return "bench" + n + ".example";
    }

    private static String identifier(long n) {
        return "10." + ((n >> 16) & 255) + "." + ((n >> 8) & 255) + "." + (n & 255);
    }

    static String putBody(long n) {
        return "{\"group\":\"" + group(n) + "\",\"identifier\":\"" + identifier(n)
                + "\",\"status\":\"A\",\"attackSurface\":[\"external\"],\"type\":\"asset\"}";
    }

    /**
     * Alternates rounds of PUT /asset answered once stored (respond-async) and once visible (the default), each
     * after the read stores caught up with the previous one, and reports the medians of each side and their ratio.
     */
    private void rywPhase(ReadStores stores, AtomicLong sequence, Duration duration) throws InterruptedException {
        Map<String, String> async = new LinkedHashMap<>(auth);
        async.put("Prefer", "respond-async");
        Map<String, List<LoadRunner.Result>> rounds = new LinkedHashMap<>();
        rounds.put("respond-async", new ArrayList<>());
        rounds.put("read-your-writes", new ArrayList<>());
        for (int round = 1; round <= rywRounds; round++) {
            for (var side : rounds.entrySet()) {
                Map<String, String> headers = side.getKey().equals("respond-async") ? async : auth;
                long from = sequence.get();
                LoadRunner.Result r = LoadRunner.run("ryw " + side.getKey(), concurrency, duration, 0, sequence,
                        (w, n) -> putWith(headers, n));
                report("PUT /asset " + side.getKey() + " (round " + round + ")", r, "commands/s");
                side.getValue().add(r);
                // Each round starts with the read stores caught up, so neither side inherits the other's backlog.
                Drain.await(stores.probes(), from, sequence.get(), failedPuts::contains, this::keyOf, System.nanoTime(),
                        Duration.ofSeconds(Math.max(drainTimeoutSeconds, 60)));
            }
        }
        line("-- the price of read-your-writes (medians of %d rounds of %d s, %d workers):", rywRounds,
                duration.toSeconds(), concurrency);
        Map<String, double[]> medians = new LinkedHashMap<>();
        rounds.forEach((side, measured) -> {
            double rate = median(measured.stream().mapToDouble(LoadRunner.Result::throughput).toArray());
            double p50 = median(measured.stream().mapToDouble(r -> r.ms(50)).toArray());
            double p99 = median(measured.stream().mapToDouble(r -> r.ms(99)).toArray());
            long errors = measured.stream().mapToLong(LoadRunner.Result::errors).sum();
            medians.put(side, new double[] {rate, p50, p99});
            line("   %-17s %8.1f commands/s  p50 %7.1f ms  p99 %7.1f ms  errors %d", side, rate, p50, p99, errors);
            String key = side.equals("respond-async") ? "ryw.async" : "ryw.visible";
            results.put(key + ".rate", fmt(rate));
            results.put(key + ".p50", fmt(p50));
            results.put(key + ".p99", fmt(p99));
            results.put(key + ".errors", Long.toString(errors));
        });
        double[] a = medians.get("respond-async");
        double[] v = medians.get("read-your-writes");
        line("   read-your-writes / respond-async: throughput x%.2f, p50 +%.1f ms, p99 +%.1f ms", v[0] / a[0],
                v[1] - a[1], v[2] - a[2]);
        results.put("ryw.throughput.ratio", String.format(Locale.ROOT, "%.3f", v[0] / a[0]));
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        int n = sorted.length;
        return n == 0 ? Double.NaN : n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private String putWith(Map<String, String> headers, long n) throws IOException {
        HttpDriver.Response r = http.send("PUT", "/asset", putBody(n), headers);
        if (r.ok()) {
            return null;
        }
        failedPuts.add(n);
        return "HTTP " + r.status();
    }

    private Map<String, String> putHeaders() {
        if (!preferAsync) {
            return auth;
        }
        Map<String, String> headers = new LinkedHashMap<>(auth);
        headers.put("Prefer", "respond-async");
        return headers;
    }

    private String putCall(int worker, long n) throws IOException {
        HttpDriver.Response r = http.send("PUT", "/asset", putBody(n), putHeaders());
        if (r.ok()) {
            return null;
        }
        failedPuts.add(n);
        return "HTTP " + r.status();
    }

    /** One PUT; the asset key on success (checked against the answer), null otherwise. */
    private String putAsset(long n) throws IOException {
        HttpDriver.Response r = http.send("PUT", "/asset", putBody(n), putHeaders());
        if (!r.ok()) {
            failedPuts.add(n);
            line("PUT /asset answered %d: %s", r.status(), r.body());
            return null;
        }
        String key = keyOf(n);
        if (!r.body().contains("\"key\":\"" + key + "\"")) {
            throw new IllegalStateException("expected asset key " + key + " in " + r.body());
        }
        return key;
    }

    private String query(String operator, long hi) throws IOException {
        long n = base + ThreadLocalRandom.current().nextLong(Math.max(1, hi - base));
        // "=": one asset. STARTS WITH: the ten assets numbered n/10*10 .. n/10*10+9.
        String value = operator.equals("=") ? keyOf(n) : "#asset#bench" + (n / 10);
        String body = "{\"node\":{\"labels\":[\"Asset\"],\"filters\":[{\"field\":\"key\",\"operator\":\"" + operator
                + "\",\"value\":\"" + value + "\",\"not\":false}]},\"limit\":4096,\"page\":0}";
        HttpDriver.Response r = http.send("POST", "/my", body, auth);
        if (!r.ok()) {
            return "HTTP " + r.status();
        }
        return r.body().contains(value) || failedPuts.contains(n) ? null : "empty result";
    }

    // ------------------------------------------------------------------------------------------------ set-up

    private void resolveCredentials() throws IOException {
        Properties file = new Properties();
        Path creds = workDir.resolve("dev-credentials.env");
        if (Files.isRegularFile(creds)) {
            try (var reader = Files.newBufferedReader(creds, StandardCharsets.UTF_8)) {
                file.load(reader);
            }
        }
        if (apiKeyId == null) {
            apiKeyId = firstNonBlank(System.getenv("CHARIOT_BOOTSTRAP_API_KEY_ID"), file.getProperty("CHARIOT_BOOTSTRAP_API_KEY_ID"));
        }
        if (apiKeySecret == null) {
            apiKeySecret = firstNonBlank(System.getenv("CHARIOT_BOOTSTRAP_API_KEY_SECRET"),
                    file.getProperty("CHARIOT_BOOTSTRAP_API_KEY_SECRET"));
        }
        tenant = firstNonBlank(System.getenv("CHARIOT_BOOTSTRAP_TENANT"), file.getProperty("CHARIOT_BOOTSTRAP_TENANT"));
        if (apiKeyId == null || apiKeySecret == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "no API key: pass --api-key-id/--api-key-secret, "
                    + "set CHARIOT_BOOTSTRAP_API_KEY_ID/_SECRET, or point --work-dir at a dir with dev-credentials.env");
        }
    }

    /** The tenant the stores are probed for: the key's tenant (from the credentials; checked after login). */
    private String peekTenant() {
        return tenant != null ? tenant : "dev@chariot.local";
    }

    private void login() throws IOException {
        HttpDriver.Response r = http.send("GET", "/token", null,
                Map.of("X-GUARD-API-KEY-ID", apiKeyId, "X-GUARD-API-KEY-SECRET", apiKeySecret));
        Matcher m = TOKEN.matcher(r.body());
        if (!r.ok() || !m.find()) {
            throw new IOException("GET /token answered " + r.status() + ": " + r.body());
        }
        String token = m.group(1);
        auth = Map.of("Authorization", "Bearer " + token);
        String jwtTenant = jwtSubject(token);
        if (jwtTenant != null && tenant != null && !jwtTenant.equals(tenant)) {
            line("note: the token's subject %s differs from CHARIOT_BOOTSTRAP_TENANT %s", jwtTenant, tenant);
        }
        if (tenant == null) {
            tenant = jwtTenant;
        }
    }

    private static String jwtSubject(String jwt) {
        try {
            String[] parts = jwt.split("\\.");
            String payload = new String(java.util.Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
            Matcher m = Pattern.compile("\"sub\"\\s*:\\s*\"([^\"]+)\"").matcher(payload);
            return m.find() ? m.group(1) : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    // ------------------------------------------------------------------------------------------------ output

    private static void line(String format, Object... args) {
        System.out.println(String.format(Locale.ROOT, format, args));
        System.out.flush();
    }

    private static String fmt(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, v >= 100 ? "%.0f" : "%.1f", v);
    }

    private static double p(Histogram h, double percentile) {
        return h.getTotalCount() == 0 ? Double.NaN : h.getValueAtPercentile(percentile) / 1000.0;
    }

    private static String lagText(Histogram h) {
        if (h.getTotalCount() == 0) {
            return "no samples";
        }
        return String.format(Locale.ROOT, "p50 %s ms, p99 %s ms, max %s ms", fmt(p(h, 50)), fmt(p(h, 99)),
                fmt(h.getMaxValue() / 1000.0));
    }

    private static void report(String what, LoadRunner.Result r, String unit) {
        line("-- %s: %s %s over %.1f s (%d ok, %d errors%s), latency p50 %s ms, p90 %s ms, p99 %s ms, max %s ms",
                what, fmt(r.throughput()), unit, r.seconds(), r.ok(), r.errors(),
                r.errorKinds().isEmpty() ? "" : " " + r.errorKinds(), fmt(r.ms(50)), fmt(r.ms(90)), fmt(r.ms(99)),
                fmt(r.maxMs()));
        line("   CPU: %s", r.cpu().describe());
        line("   CPU ms per request: %s", r.cpu().perRequest(r.ok()));
        disturbed(r.cpu());
    }

    /** Other processes on the machine (another build, another stack) take cores from this run: say so. */
    private static boolean disturbed(CpuAccounting.Usage cpu) {
        double other = cpu.coresByGroup().getOrDefault("other", 0.0);
        if (other > 0.1) {
            line("   WARNING: other processes used %.2f cores during this phase; these figures are disturbed", other);
            return true;
        }
        return false;
    }

    private void record(String prefix, LoadRunner.Result r) {
        results.put(prefix + ".rate", fmt(r.throughput()));
        results.put(prefix + ".p50", fmt(r.ms(50)));
        results.put(prefix + ".p90", fmt(r.ms(90)));
        results.put(prefix + ".p99", fmt(r.ms(99)));
        results.put(prefix + ".max", fmt(r.maxMs()));
        results.put(prefix + ".errors", Long.toString(r.errors()));
        if (r.cpu().known()) {
            results.put(prefix + ".cpu.busy", String.format(Locale.ROOT, "%.2f", r.cpu().busy()));
            r.cpu().coresByGroup().forEach((g, c) -> results.put(prefix + ".cpu." + g, String.format(Locale.ROOT, "%.2f", c)));
            double total = 0;
            for (String g : CpuAccounting.GROUPS) {
                if (!g.equals("other")) {
                    double ms = r.cpu().msPerRequest(g, r.ok());
                    total += ms;
                    results.put(prefix + ".cpums." + g, String.format(Locale.ROOT, "%.2f", ms));
                }
            }
            results.put(prefix + ".cpums.total", String.format(Locale.ROOT, "%.2f", total));
        }
    }

    private void appendResults() throws IOException {
        if (resultsFile == null) {
            return;
        }
        String text = (label.isBlank() ? "" : "label=" + label + "\t") + results.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("\t")) + "\n";
        Files.writeString(resultsFile, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private void markdown(String started, StackEndpoints endpoints, Map<String, String> pg, LoadRunner.Result put,
                          List<LoadRunner.Result> queries, VisibilityLag.Result lag, LoadRunner.Result raw) {
        StringBuilder md = new StringBuilder();
        md.append("\n----- Markdown summary (paste into BENCHMARKS.md) -----\n");
        md.append("#### ").append(label.isBlank() ? "Run" : label).append(" — ").append(started).append("\n\n");
        md.append("Machine: ").append(machine()).append(". The load driver, the platform and all five servers share "
                + "these cores.\n");
        md.append("PostgreSQL ").append(pg.getOrDefault("server_version", "?")).append(": `fsync=")
                .append(pg.get("fsync")).append("`, `synchronous_commit=").append(pg.get("synchronous_commit"))
                .append("`, `wal_sync_method=").append(pg.get("wal_sync_method")).append("`, `commit_delay=")
                .append(pg.get("commit_delay")).append("`.\n");
        md.append("Concurrency ").append(concurrency).append(" closed-loop workers, HTTP client `").append(httpClient)
                .append("`, one tenant (`").append(tenant).append("`).\n\n");
        md.append("| Measure | Throughput | p50 ms | p90 ms | p99 ms | max ms | errors |\n");
        md.append("|---|---|---|---|---|---|---|\n");
        if (put != null) {
            row(md, "PUT /asset (new asset each)", put, "commands/s");
        }
        for (LoadRunner.Result q : queries) {
            row(md, "POST /my, key " + q.name().substring("query ".length()).replace("=", "=").trim(), q, "queries/s");
        }
        if (raw != null) {
            row(md, "raw PostgreSQL INSERT, " + rawRowBytes + " B bytea, 1 row/commit", raw, "rows/s");
        }
        md.append('\n');
        if (put != null && raw != null && raw.throughput() > 0) {
            md.append(String.format(Locale.ROOT, "Ratio PUT /asset commands/s ÷ raw inserts/s = %s ÷ %s = **%.2f**.%n%n",
                    fmt(put.throughput()), fmt(raw.throughput()), put.throughput() / raw.throughput()));
        }
        notes.forEach(t -> md.append(t).append(".\n\n"));
        if (lag != null) {
            md.append(String.format(Locale.ROOT, "Visibility after the PUT's 200 (%d samples at %.0f/s, stores polled "
                    + "directly every %d ms):%n%n", lag.acknowledged(), lag.rate(), lagPollMillis));
            md.append("| Store | p50 ms | p99 ms | max ms | not seen |\n|---|---|---|---|---|\n");
            lag.byStore().forEach((store, h) -> md.append(lagRow(store, h, lag.missing().get(store))));
            md.append(lagRow("all three", lag.allStores(), lag.acknowledged() - lag.complete())).append('\n');
        }
        if (put != null && put.cpu().known()) {
            md.append("CPU during PUT /asset: ").append(put.cpu().describe()).append(". CPU per command (ms): ")
                    .append(put.cpu().perRequest(put.ok())).append(".\n\n");
        }
        if (reproduce != null && !reproduce.isBlank()) {
            md.append("Reproduce: `").append(reproduce).append("`\n");
        }
        md.append("----- end of summary -----\n");
        System.out.print(md);
        System.out.flush();
    }

    private static void row(StringBuilder md, String name, LoadRunner.Result r, String unit) {
        md.append("| ").append(name).append(" | ").append(fmt(r.throughput())).append(' ').append(unit)
                .append(" | ").append(fmt(r.ms(50))).append(" | ").append(fmt(r.ms(90))).append(" | ")
                .append(fmt(r.ms(99))).append(" | ").append(fmt(r.maxMs())).append(" | ").append(r.errors())
                .append(" |\n");
    }

    private static String lagRow(String store, Histogram h, int missing) {
        return "| " + store + " | " + fmt(p(h, 50)) + " | " + fmt(p(h, 99)) + " | "
                + fmt(h.getTotalCount() == 0 ? Double.NaN : h.getMaxValue() / 1000.0) + " | " + missing + " |\n";
    }

    static String machine() {
        int cores = Runtime.getRuntime().availableProcessors();
        String cpu = "";
        String memory = "";
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("");
            memory = Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal"))
                    .findFirst().map(l -> String.format(Locale.ROOT, "%.1f GiB RAM",
                            Long.parseLong(l.replaceAll("\\D", "")) / 1024.0 / 1024.0)).orElse("");
        } catch (IOException | RuntimeException ignored) {
            // not Linux
        }
        var runtime = ManagementFactory.getRuntimeMXBean();
        return String.format(Locale.ROOT, "%d cores (nproc)%s, %s, JDK %s (%s %s), %s %s", cores,
                cpu.isBlank() ? "" : " " + cpu, memory, System.getProperty("java.version"), runtime.getVmName(),
                runtime.getVmVersion(), System.getProperty("os.name"), System.getProperty("os.version"));
    }

    private static String firstNonBlank(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v.trim();
            }
        }
        return null;
    }
}
