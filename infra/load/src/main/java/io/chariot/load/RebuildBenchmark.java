package io.chariot.load;

import io.chariot.infra.local.StackEndpoints;
import io.chariot.projections.ReadModel;
import io.chariot.projections.dynamodb.DynamoDbAssetProjection;
import io.chariot.projections.dynamodb.TableSpace;
import io.chariot.projections.generation.ReadGenerations;
import io.chariot.projections.neo4j.GraphSchema;
import io.chariot.projections.neo4j.Neo4jAssetProjection;
import io.chariot.projections.neo4j.SequencedGraphWriter;
import io.chariot.projections.redis.CountBuckets;
import io.chariot.projections.redis.CountKeys;
import io.chariot.projections.redis.RedisAssetCountsProjection;
import io.chariot.projections.replay.EventStoreReplayer;
import org.axonframework.common.jdbc.UnitOfWorkAwareConnectionProviderWrapper;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import io.chariot.projections.replay.EventStoreReplayer.Options;
import org.axonframework.eventhandling.DomainEventMessage;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Config;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The rebuild benchmark (issue 4): how fast the platform's replay path rebuilds the asset read model of each store
 * from the event store, against that store's raw batch-write rate measured in the same run. Not a test: it asserts
 * nothing and only reports.
 * <ol>
 *     <li>Makes sure the event store holds at least {@code --events} asset-context events across several tenants,
 *     appending the missing ones through Axon's JDBC engine and Jackson serializer configured like the platform's
 *     (so a rerun on the same stack starts at once);</li>
 *     <li>per store (redis, dynamodb, neo4j): the raw batch-write rate (see {@link RawStoreWrites}), then for each
 *     {@code --segments} value a rebuild of the asset read model into a fresh generation with
 *     {@link EventStoreReplayer} — exactly the path {@code ./chariot projections rebuild} takes, checkpoints every
 *     {@code --checkpoint-every} events included — stopped at the first checkpoint after
 *     {@code --max-seconds-per-store} so a slow store is measured on a prefix of the events; the generation is
 *     dropped afterwards;</li>
 *     <li>a table: events processed, rebuild events/s (overall: events applied ÷ seconds to the last checkpoint;
 *     and the median of per-second samples), raw writes/s and the ratio.</li>
 * </ol>
 */
@Command(name = "rebuild-benchmark", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
                "Measures read-model rebuild throughput per store (DynamoDB, Neo4j, Redis) through the platform's "
                        + "EventStoreReplayer, and each store's raw batch-write rate in the same run.",
                "Endpoints come from <work-dir>/stack/endpoints.properties (or CHARIOT_* variables). Progress goes to "
                        + "stderr, results to stdout. Everything shares this machine's cores: the CPU used by "
                        + "each party is printed per phase."})
public final class RebuildBenchmark implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--work-dir", defaultValue = ".chariot",
            description = "The `./chariot stack up` / `./chariot up` work dir (default: ${DEFAULT-VALUE}).")
    Path workDir;

    @Option(names = "--stack-dir", description = "Directory of endpoints.properties (default: <work-dir>/stack).")
    Path stackDir;

    @Option(names = {"-n", "--events"}, defaultValue = "1000000",
            description = "Events the event store must hold; missing ones are generated (default: ${DEFAULT-VALUE}).")
    long events;

    @Option(names = "--tenants", defaultValue = "8", description = "Tenants of generated events, Zipf-sized (default: ${DEFAULT-VALUE}).")
    int tenantCount;

    @Option(names = "--append-batch", defaultValue = "1000",
            description = "Events per append (one transaction, one JDBC batch) while generating (default: ${DEFAULT-VALUE}).")
    int appendBatch;

    @Option(names = "--append-threads", defaultValue = "2", description = "Parallel appenders while generating (default: ${DEFAULT-VALUE}).")
    int appendThreads;

    @Option(names = "--stores", defaultValue = "reader,redis,dynamodb,neo4j", split = ",",
            description = "Stores to measure, in order; reader = the replay path with no store behind it, the "
                    + "ceiling every rebuild works under; neo4j-one-by-one = neo4j with each graph statement sent as "
                    + "it is written rather than grouped into UNWINDs (default: ${DEFAULT-VALUE}).")
    List<String> stores;

    @Option(names = "--segments", defaultValue = "1,4", split = ",",
            description = "Rebuild once per value with that many applier segments (default: ${DEFAULT-VALUE}).")
    List<Integer> segments;

    @Option(names = "--engines", defaultValue = "hand", split = ",",
            description = "Replay engines to measure, alternating within each round: hand = EventStoreReplayer (what "
                    + "the rebuild CLI runs), pooled = the PooledReplay prototype, a temporary Axon "
                    + "PooledStreamingEventProcessor per generation (default: ${DEFAULT-VALUE}).")
    List<String> engines;

    @Option(names = "--rounds", defaultValue = "1",
            description = "Rebuilds per store, segment count and engine; engines alternate within a round, and the "
                    + "summary compares their medians (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--pooled-batch", defaultValue = "1000",
            description = "Events per batch of the pooled engine: one unit of work, one group of store writes, one "
                    + "token update (default: ${DEFAULT-VALUE}).")
    int pooledBatch;

    @Option(names = "--max-seconds-per-store", defaultValue = "240",
            description = "Stop each rebuild (one store, one segment count) at the first checkpoint after this many "
                    + "seconds; it is then measured on that prefix of the events (default: ${DEFAULT-VALUE}).")
    int maxSecondsPerStore;

    @Option(names = "--checkpoint-every", defaultValue = "5000",
            description = "Replay checkpoint interval, as the platform's chariot.projections.checkpoint-every (default: ${DEFAULT-VALUE}).")
    int checkpointEvery;

    @Option(names = "--raw-seconds", defaultValue = "30", description = "Measured seconds of each raw write phase (default: ${DEFAULT-VALUE}).")
    int rawSeconds;

    @Option(names = "--raw-warmup", defaultValue = "5", description = "Warm-up seconds of each raw write phase (default: ${DEFAULT-VALUE}).")
    int rawWarmupSeconds;

    @Option(names = "--raw-threads", defaultValue = "4", description = "Threads of each raw write phase (default: ${DEFAULT-VALUE}).")
    int rawThreads;

    @Option(names = "--raw-neo4j-batch", defaultValue = "500", description = "Nodes per UNWIND statement (default: ${DEFAULT-VALUE}).")
    int rawNeo4jBatch;

    @Option(names = "--raw-redis-batch", defaultValue = "1000", description = "Records per pipeline flush (default: ${DEFAULT-VALUE}).")
    int rawRedisBatch;

    @Option(names = "--raw-unbatched",
            description = "Also measure one write per request (PutItem, one Neo4j transaction per node, one synchronous "
                    + "EVALSHA of the counts script): what batching alone is worth.")
    boolean rawUnbatched;

    @Option(names = "--skip-raw", description = "Do not measure the raw write rates.")
    boolean skipRaw;

    @Option(names = "--keep-generations", description = "Keep the rebuilt generations (default: drop them after measuring).")
    boolean keepGenerations;

    @Option(names = "--platform-migrations", defaultValue = "service-runtime/src/main/resources/db/migration",
            description = "The platform's Flyway migrations (the event store's tables) (default: ${DEFAULT-VALUE}).")
    Path platformMigrations;

    @Option(names = "--progress", defaultValue = "10", description = "Progress on stderr every this many seconds (default: ${DEFAULT-VALUE}).")
    int progressSeconds;

    @Option(names = "--reproduce", hidden = true, description = "The command line to print as 'how to reproduce'.")
    String reproduce;

    private static final Duration STORE_TIMEOUT = Duration.ofSeconds(30);
    /** The graph rebuilt with each statement sent as it is written (ADR 0030's before), against neo4j's raw rate. */
    private static final String ONE_BY_ONE = "neo4j-one-by-one";

    private final List<String> notes = new ArrayList<>();
    private final List<String> tenants = new ArrayList<>();
    private RedissonClient redissonClient;
    private long discoveredAssets;

    /** One rebuild's outcome. */
    record Rebuild(String engine, String store, int segments, int generation, long events, long head, boolean complete,
                   double seconds, double medianPerSecond, CpuAccounting.Usage cpu) {
        double rate() {
            return seconds <= 0 ? 0 : events / seconds;
        }
    }

    /** Thrown from the checkpoint callback to stop a rebuild at its time cap; every event counted is applied. */
    private static final class CapReached extends RuntimeException {
        CapReached() {
            super("time cap reached", null, false, false);
        }
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new RebuildBenchmark());
        // One line for a bad argument, as the project's other CLIs do.
        cli.setParameterExceptionHandler((e, ignored) -> {
            e.getCommandLine().getErr().println("rebuild-benchmark: " + e.getMessage() + " (see --help)");
            return 2;
        });
        return cli;
    }

    @Override
    public Integer call() throws Exception {
        validate();
        Path endpointsDir = (stackDir != null ? stackDir : workDir.resolve("stack")).toAbsolutePath().normalize();
        StackEndpoints endpoints = StackEndpoints.discover(endpointsDir)
                .orElseThrow(() -> new CommandLine.ParameterException(spec.commandLine(),
                        "no running stack: no complete endpoints file in " + endpointsDir
                                + " and no CHARIOT_* variables naming all five servers"));
        endpoints.stackPid().ifPresent(pid -> CpuAccounting.scopeTo(pid, endpointsDir.toString()));
        String started = OffsetDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        line("== Chariot rebuild benchmark — %s ==", started);
        line("stack: %s", endpoints.summary());
        line("machine: %s", machine());

        for (int i = 0; i < tenantCount; i++) {
            tenants.add("tenant" + i + "@bench" + i + ".example.com");
        }
        List<Rebuild> rebuilds = new ArrayList<>();
        Map<String, RawStoreWrites.Result> raws = new LinkedHashMap<>();
        long head;
        Map<String, Long> mix;
        try (BenchEventStore store = new BenchEventStore(endpoints, platformMigrations, Math.max(4, appendThreads + 2))) {
            ensureEvents(store, tenants);
            EventStoreReplayer replayer = new EventStoreReplayer(store.eventStore);
            head = replayer.headPosition();
            mix = eventMix(store);
            long stored = mix.values().stream().mapToLong(Long::longValue).sum();
            line("event store: %,d events (head position %d), %.0f MiB with indexes; mix: %s", stored, head,
                    store.eventBytes() / 1048576.0, mixText(mix, stored));
            ReadGenerations generations = new ReadGenerations(store.jdbc, store.tx);

            DynamoDbClient dynamo = dynamo(endpoints);
            Driver neo4j = GraphDatabase.driver(endpoints.neo4jUri(), AuthTokens.none(),
                    Config.builder().withMaxConnectionPoolSize(32).build());
            RedissonClient redisson = redisson(endpoints.redisUrl());
            redissonClient = redisson;
            discoveredAssets = mix.getOrDefault("AssetDiscovered", 0L);
            try {
                RawStoreWrites raw = new RawStoreWrites(tenants, rawThreads, Duration.ofSeconds(rawWarmupSeconds),
                        Duration.ofSeconds(rawSeconds), progressSeconds);
                for (String name : stores) {
                    line("");
                    line("== %s ==", name);
                    if (name.equals("reader")) {
                        for (int n : segments) {
                            for (int round = 1; round <= rounds; round++) {
                                for (String engine : inRound(round)) {
                                    Rebuild r = rebuild(engine, store, replayer, generations, null, n, head, stored, null,
                                            "reader");
                                    rebuilds.add(r);
                                    line("-- reader, %s, %d segment(s), round %d: %,d of %,d events%s in %.1f s = %,.0f "
                                                    + "events/s (median of per-second samples %,.0f)", engine, n, round,
                                            r.events(), stored, r.complete() ? "" : " (capped)", r.seconds(), r.rate(),
                                            r.medianPerSecond());
                                    line("   CPU: %s", r.cpu().describe());
                                    disturbed(r.cpu());
                                }
                            }
                        }
                        continue;
                    }
                    if (!skipRaw && !(name.equals(ONE_BY_ONE) && raws.containsKey("neo4j"))) {
                        RawStoreWrites.Result r = switch (name) {
                            case "dynamodb" -> raw.dynamodb(dynamo);
                            case "neo4j", ONE_BY_ONE -> raw.neo4j(neo4j, rawNeo4jBatch);
                            default -> raw.redis(endpoints.redisUrl(), rawRedisBatch);
                        };
                        raws.put(rawOf(name), r);
                        if (rawUnbatched) {
                            RawStoreWrites.Result single = raw.unbatched(name, dynamo, neo4j, endpoints.redisUrl());
                            raws.put(single.store(), single);
                            line("-- raw %s, one write per request: %,.0f %s (median %,.0f), %d threads", name,
                                    single.rate(), single.unit(), single.medianPerSecond(), single.threads());
                            line("   CPU: %s", single.cpu().describe());
                            disturbed(single.cpu());
                        }
                        if (name.equals("redis")) {
                            RawStoreWrites.Result script = raw.redisScript(endpoints.redisUrl(), rawRedisBatch);
                            raws.put("redis-script", script);
                            line("-- raw redis, the counts script pipelined: %,.0f %s (median %,.0f)", script.rate(),
                                    script.unit(), script.medianPerSecond());
                            line("   CPU: %s", script.cpu().describe());
                        }
                        line("-- raw %s: %,.0f %s (median of %s per-second samples %,.0f), %d threads, batches of %d",
                                name, r.rate(), r.unit(), rawSeconds, r.medianPerSecond(), r.threads(), r.batch());
                        line("   CPU: %s", r.cpu().describe());
                        disturbed(r.cpu());
                    }
                    ReadModel live = switch (name) {
                        case "dynamodb" -> new DynamoDbAssetProjection(new TableSpace(dynamo, "chariot"));
                        case "neo4j" -> new Neo4jAssetProjection(new SequencedGraphWriter(neo4j, store.objectMapper));
                        case ONE_BY_ONE -> new Neo4jAssetProjection(
                                new SequencedGraphWriter(neo4j, store.objectMapper, false));
                        default -> new RedisAssetCountsProjection(new CountBuckets(redisson));
                    };
                    for (int n : segments) {
                        for (int round = 1; round <= rounds; round++) {
                            for (String engine : inRound(round)) {
                                Rebuild rebuild = rebuild(engine, store, replayer, generations, live, n, head, stored,
                                        rawOf(name).equals("neo4j") ? neo4j : null, name);
                                rebuilds.add(rebuild);
                                line("-- rebuild %s, %s, %d segment(s), round %d, generation %d: %,d of %,d events%s in "
                                                + "%.1f s = %,.0f events/s (median of %d per-second samples %,.0f)", name,
                                        engine, n, round, rebuild.generation(), rebuild.events(), stored,
                                        rebuild.complete() ? "" : " (capped)", rebuild.seconds(), rebuild.rate(),
                                        Math.round(rebuild.seconds()), rebuild.medianPerSecond());
                                line("   CPU: %s", rebuild.cpu().describe());
                                line("   CPU ms per event: %s", rebuild.cpu().perRequest(rebuild.events()));
                                disturbed(rebuild.cpu());
                            }
                        }
                    }
                }
            } finally {
                redisson.shutdown();
                neo4j.close();
                dynamo.close();
            }
        }
        markdown(started, head, mix, rebuilds, raws);
        return 0;
    }

    /** The store whose raw rate a measured store is compared with. */
    private static String rawOf(String store) {
        return store.equals(ONE_BY_ONE) ? "neo4j" : store;
    }

    private void validate() {
        CommandLine cmd = spec.commandLine();
        if (rounds < 1 || pooledBatch < 1 || !List.of("hand", "pooled").containsAll(engines)) {
            throw new CommandLine.ParameterException(cmd, "--rounds and --pooled-batch must be positive, --engines "
                    + "hand and/or pooled");
        }
        if (events < 1 || tenantCount < 1 || appendBatch < 1 || appendThreads < 1 || maxSecondsPerStore < 1
                || rawSeconds < 1 || rawThreads < 1 || rawNeo4jBatch < 1 || rawRedisBatch < 1 || checkpointEvery < 1) {
            throw new CommandLine.ParameterException(cmd, "counts, sizes and durations must be positive");
        }
        for (String s : stores) {
            if (!List.of("reader", "redis", "dynamodb", "neo4j", ONE_BY_ONE).contains(s)) {
                throw new CommandLine.ParameterException(cmd, "unknown store " + s + " (reader, redis, dynamodb, neo4j, "
                        + ONE_BY_ONE + ")");
            }
        }
        for (int n : segments) {
            if (n < 1 || n > 64) {
                throw new CommandLine.ParameterException(cmd, "--segments values must be 1..64");
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ events

    /** Appends events until the store holds {@code --events}; nothing when it already does. */
    private void ensureEvents(BenchEventStore store, List<String> tenants) throws Exception {
        long have = store.eventCount();
        if (have >= events) {
            line("-- event store already holds %,d events (≥ %,d): not generating", have, events);
            return;
        }
        long missing = events - have;
        String runTag = "r" + Long.toString(System.currentTimeMillis() / 1000, 36);
        line("-- generating %,d events (the store holds %,d) across %d tenants: %d appender(s), %d events per append, keys tagged %s",
                missing, have, tenants.size(), appendThreads, appendBatch, runTag);
        AtomicLong appended = new AtomicLong();
        AtomicReference<Exception> failure = new AtomicReference<>();
        List<AssetEventStream> streams = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        CpuAccounting.Snapshot cpu = CpuAccounting.snapshot();
        long t0 = System.nanoTime();
        try (RateMeter meter = RateMeter.of("appended", appended, progressSeconds, missing)) {
            for (int t = 0; t < appendThreads; t++) {
                long share = missing / appendThreads + (t < missing % appendThreads ? 1 : 0);
                AssetEventStream stream = new AssetEventStream(0x5eed + t, tenants, runTag + "t" + t, missing, 2048);
                streams.add(stream);
                Thread thread = new Thread(() -> {
                    try {
                        List<DomainEventMessage<?>> batch = new ArrayList<>(appendBatch);
                        for (long i = 0; i < share && failure.get() == null; i++) {
                            batch.add(stream.next());
                            if (batch.size() == appendBatch || i == share - 1) {
                                store.append(batch);
                                appended.addAndGet(batch.size());
                                batch = new ArrayList<>(appendBatch);
                            }
                        }
                    } catch (Exception e) {
                        failure.compareAndSet(null, e);
                    }
                }, "append-" + t);
                threads.add(thread);
                thread.start();
            }
            for (Thread thread : threads) {
                thread.join();
            }
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        CpuAccounting.Usage usage = CpuAccounting.since(cpu);
        long assets = streams.stream().mapToLong(AssetEventStream::assets).sum();
        line("-- generated %,d events for %,d assets in %.0f s (%,.0f events/s appended)", appended.get(), assets,
                seconds, appended.get() / seconds);
        line("   CPU: %s", usage.describe());
        notes.add(String.format(Locale.ROOT, "Generated %,d events for %,d assets in %.0f s (%,.0f events/s through "
                        + "JdbcEventStorageEngine, %d appenders, %d events per append)", appended.get(), assets, seconds,
                appended.get() / seconds, appendThreads, appendBatch));
    }

    private static Map<String, Long> eventMix(BenchEventStore store) {
        Map<String, Long> mix = new LinkedHashMap<>();
        store.jdbc.query("SELECT payloadtype, count(*) FROM domainevententry GROUP BY payloadtype ORDER BY 2 DESC",
                rs -> {
                    String type = rs.getString(1);
                    mix.put(type.substring(type.lastIndexOf('$') + 1), rs.getLong(2));
                });
        return mix;
    }

    private static String mixText(Map<String, Long> mix, long total) {
        List<String> parts = new ArrayList<>();
        mix.forEach((type, n) -> parts.add(String.format(Locale.ROOT, "%s %.1f%%", type, 100.0 * n / total)));
        return String.join(", ", parts);
    }

    // ------------------------------------------------------------------------------------------------ rebuild

    /** @param neo4j the driver when {@code live} is the graph model (its generation's schema is dropped too) */
    private Rebuild rebuild(String engine, BenchEventStore eventStore, EventStoreReplayer replayer,
                            ReadGenerations generations, ReadModel live, int n, long head, long stored, Driver neo4j,
                            String label) {
        AppliedCounter counter = new AppliedCounter();
        int generation = live == null ? 0 : generations.allocate(List.of(live.name()));
        ReadModel target = live == null ? null : live.forGeneration(generation);
        List<ReadModel> models = target == null ? List.of(counter) : List.of(target, counter);
        if (target != null) {
            target.ensureSchema();
            line("-- rebuild %s into generation %d, %d segment(s), cap %d s ...", live.name(), generation, n,
                    maxSecondsPerStore);
        } else {
            line("-- reader only (no store): %d segment(s), cap %d s ...", n, maxSecondsPerStore);
        }
        String store = target == null ? "reader" : label;
        long[] applied = {0};
        long[] appliedAt = {0};
        long deadline = System.nanoTime() + Duration.ofSeconds(maxSecondsPerStore).toNanos();
        Options options = Options.defaults()
                .segments(n)
                .until(head)
                .checkpointEvery(checkpointEvery)
                .checkpoint((position, done) -> {
                    applied[0] = done;
                    appliedAt[0] = System.nanoTime();
                    if (appliedAt[0] > deadline && done < stored) {
                        throw new CapReached();
                    }
                });
        boolean complete;
        CpuAccounting.Snapshot cpu = CpuAccounting.snapshot();
        long t0 = System.nanoTime();
        RateMeter meter = new RateMeter(store + "/" + n, counter::applied, progressSeconds, stored);
        try {
            if (engine.equals("pooled")) {
                var outcome = pooled(eventStore).replay("rebuild-bench-" + store + "-g" + generation + "-" + t0, models,
                        null, head, n, pooledBatch, done -> {
                            synchronized (applied) {
                                if (done > applied[0]) {
                                    applied[0] = done;
                                    appliedAt[0] = System.nanoTime();
                                }
                            }
                        }, () -> System.nanoTime() > deadline);
                complete = outcome.complete();
                synchronized (applied) {
                    applied[0] = outcome.events();
                    if (complete) {
                        appliedAt[0] = System.nanoTime();
                    }
                }
            } else {
                var outcome = replayer.replay(models, options);
                applied[0] = outcome.events();
                appliedAt[0] = System.nanoTime();
                complete = true;
            }
        } catch (CapReached capped) {
            complete = false;
        } finally {
            meter.close();
        }
        CpuAccounting.Usage usage = CpuAccounting.since(cpu);
        double seconds = (appliedAt[0] - t0) / 1e9;
        if (complete && target instanceof RedisAssetCountsProjection) {
            verifyRedis(generation);
        }
        if (!keepGenerations && target != null) {
            long d0 = System.nanoTime();
            target.drop();
            if (neo4j != null) {
                dropGraphSchema(neo4j, generation);
            }
            System.err.printf(Locale.ROOT, "  dropped generation %d of %s in %.1f s%n", generation, live.name(),
                    (System.nanoTime() - d0) / 1e9);
        }
        return new Rebuild(engine, store, n, generation, applied[0], head, complete, seconds, meter.medianPerSecond(),
                usage);
    }

    /** The prototype over the same event store, its tokens in the platform's token table. */
    private static PooledReplay pooled(BenchEventStore events) {
        JdbcTokenStore tokens = JdbcTokenStore.builder()
                .connectionProvider(new UnitOfWorkAwareConnectionProviderWrapper(
                        new SpringDataSourceConnectionProvider(events.dataSource)))
                .serializer(events.serializer)
                .build();
        return new PooledReplay(events.eventStore, tokens, events.axonTransactions);
    }

    /**
     * A cheap sanity check of a complete Redis rebuild: every tenant's assets, summed over its status buckets,
     * equal the assets discovered in the event store.
     */
    private void verifyRedis(int generation) {
        long counted = 0;
        for (String tenant : tenants) {
            Map<String, String> buckets = redissonClient.<String, String>getMap(
                    CountKeys.counts(CountKeys.prefix(generation), tenant, "asset"),
                    org.redisson.client.codec.StringCodec.INSTANCE).readAllMap();
            for (var e : buckets.entrySet()) {
                if (e.getKey().startsWith("status:")) {
                    counted += Long.parseLong(e.getValue());
                }
            }
        }
        long discovered = discoveredAssets;
        line("   check: generation %d counts %,d assets across tenants; the event store discovered %,d: %s", generation,
                counted, discovered, counted == discovered ? "equal" : "DIFFERENT");
        if (counted != discovered) {
            notes.add("The Redis rebuild's asset count differed from the event store's: " + counted + " vs " + discovered);
        }
    }

    /** drop() leaves a generation's constraints and indexes behind; reruns on one stack should not pile them up. */
    private static void dropGraphSchema(Driver driver, int generation) {
        try (var session = driver.session()) {
            for (String base : GraphSchema.LABELS) {
                String id = (base + GraphSchema.labelSuffix(generation)).toLowerCase(Locale.ROOT);
                session.run("DROP CONSTRAINT " + id + "_uid IF EXISTS").consume();
                session.run("DROP INDEX " + id + "_tenant IF EXISTS").consume();
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ clients

    /** The stack's DynamoDB, with the benchmarks' timeouts (also {@link PrefixQueryBenchmark}'s). */
    static DynamoDbClient dynamo(StackEndpoints endpoints) {
        return DynamoDbClient.builder()
                .region(Region.US_EAST_1)
                .endpointOverride(URI.create(endpoints.dynamodbEndpoint()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(5))
                        .socketTimeout(STORE_TIMEOUT).build())
                .build();
    }

    /** As ReadStoreConfiguration builds it for the platform. */
    private static RedissonClient redisson(String url) {
        var config = new org.redisson.config.Config();
        config.setCodec(org.redisson.client.codec.StringCodec.INSTANCE);
        config.useSingleServer().setAddress(url).setConnectionMinimumIdleSize(2).setConnectionPoolSize(16);
        return Redisson.create(config);
    }

    // ------------------------------------------------------------------------------------------------ output

    private void markdown(String started, long head, Map<String, Long> mix, List<Rebuild> rebuilds,
                          Map<String, RawStoreWrites.Result> raws) {
        long stored = mix.values().stream().mapToLong(Long::longValue).sum();
        StringBuilder md = new StringBuilder();
        md.append("\n----- Markdown summary (paste into BENCHMARKS.md) -----\n");
        md.append("#### Rebuild — ").append(started).append("\n\n");
        md.append("Machine: ").append(machine()).append(". The benchmark JVM (reader, appliers, raw writers) and all "
                + "five servers share these cores.\n");
        md.append(String.format(Locale.ROOT, "Event store: %,d events across %d tenants (head position %d); mix: %s.%n",
                stored, tenantCount, head, mixText(mix, stored)));
        md.append(String.format(Locale.ROOT, "Rebuild: `EventStoreReplayer` into a fresh generation, checkpoints every "
                + "%,d events, each rebuild capped at the first checkpoint after %d s. Rebuild events/s = events "
                + "applied ÷ seconds to the last checkpoint (median of per-second samples in brackets).%n%n",
                checkpointEvery, maxSecondsPerStore));
        md.append("| Store | Segments | Events processed | Rebuild events/s | Raw batch writes/s | Ratio |\n");
        md.append("|---|---|---|---|---|---|\n");
        for (Rebuild r : rebuilds) {
            RawStoreWrites.Result raw = raws.get(rawOf(r.store()));
            if (r.store().equals("reader")) {
                md.append(String.format(Locale.ROOT, "| reader only (no store) | %d | %,d of %,d%s | %,.0f (%,.0f) | — | — |%n",
                        r.segments(), r.events(), stored, r.complete() ? "" : " (capped)", r.rate(), r.medianPerSecond()));
                continue;
            }
            md.append(String.format(Locale.ROOT, "| %s | %d | %,d of %,d%s | %,.0f (%,.0f) | %s | %s |%n", r.store(),
                    r.segments(), r.events(), stored, r.complete() ? "" : " (capped at " + Math.round(r.seconds()) + " s)",
                    r.rate(), r.medianPerSecond(),
                    raw == null ? "n/a" : String.format(Locale.ROOT, "%,.0f %s", raw.rate(), raw.unit()),
                    raw == null || raw.rate() <= 0 ? "n/a" : String.format(Locale.ROOT, "**%.2f**", r.rate() / raw.rate())));
        }
        md.append('\n');
        if (engines.size() > 1) {
            md.append(comparison(rebuilds));
        }
        RawStoreWrites.Result script = raws.get("redis-script");
        if (script != null) {
            md.append(String.format(Locale.ROOT, "Redis counts script (`apply-dimensions.lua`) pipelined, EVALSHA in "
                    + "batches of %d from %d threads: %,.0f calls/s — the ceiling for CountBuckets' replay "
                    + "pipelines.%n", script.batch(), script.threads(), script.rate()));
        }
        for (var raw : raws.values()) {
            md.append(String.format(Locale.ROOT, "Raw %s: %d threads, batches of %d, %d s after %d s warm-up; CPU: %s.%n",
                    raw.store(), raw.threads(), raw.batch(), rawSeconds, rawWarmupSeconds, raw.cpu().describe()));
        }
        for (Rebuild r : rebuilds) {
            md.append(String.format(Locale.ROOT, "Rebuild %s/%d CPU: %s; ms per event: %s.%n", r.store(), r.segments(),
                    r.cpu().describe(), r.cpu().perRequest(r.events())));
        }
        md.append('\n');
        notes.forEach(t -> md.append(t).append(".\n"));
        if (reproduce != null && !reproduce.isBlank()) {
            md.append("\nReproduce: `").append(reproduce).append("`\n");
        }
        md.append("----- end of summary -----\n");
        System.out.print(md);
        System.out.flush();
    }

    /** The engines in the given order in odd rounds and reversed in even ones, so neither always runs first. */
    private List<String> inRound(int round) {
        List<String> order = new ArrayList<>(engines);
        if (round % 2 == 0) {
            java.util.Collections.reverse(order);
        }
        return order;
    }

    /** Per store and segment count: each engine's median over the rounds, and pooled ÷ hand. */
    private String comparison(List<Rebuild> rebuilds) {
        StringBuilder md = new StringBuilder();
        md.append("| Store | Segments | hand events/s (rounds) | pooled events/s (rounds) | hand median | pooled median "
                + "| pooled ÷ hand |\n|---|---|---|---|---|---|---|\n");
        Map<String, Map<String, List<Double>>> byCase = new LinkedHashMap<>();
        for (Rebuild r : rebuilds) {
            byCase.computeIfAbsent(r.store() + "|" + r.segments(), k -> new LinkedHashMap<>())
                    .computeIfAbsent(r.engine(), k -> new ArrayList<>()).add(r.rate());
        }
        byCase.forEach((key, rates) -> {
            List<Double> hand = rates.getOrDefault("hand", List.of());
            List<Double> pooled = rates.getOrDefault("pooled", List.of());
            double h = median(hand);
            double p = median(pooled);
            String[] parts = key.split("\\|");
            md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %,.0f | %,.0f | **%s** |%n", parts[0], parts[1],
                    list(hand), list(pooled), h, p, h > 0 ? String.format(Locale.ROOT, "%.2f", p / h) : "n/a"));
        });
        return md.append('\n').toString();
    }

    private static double median(List<Double> values) {
        if (values.isEmpty()) {
            return 0;
        }
        List<Double> sorted = values.stream().sorted().toList();
        int mid = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(mid) : (sorted.get(mid - 1) + sorted.get(mid)) / 2;
    }

    private static String list(List<Double> values) {
        return String.join(", ", values.stream().map(v -> String.format(Locale.ROOT, "%,.0f", v)).toList());
    }

    private static void disturbed(CpuAccounting.Usage cpu) {
        double other = cpu.coresByGroup().getOrDefault("other", 0.0);
        if (other > 0.1) {
            line("   WARNING: other processes used %.2f cores during this phase; these figures are disturbed", other);
        }
    }

    private static void line(String format, Object... args) {
        System.out.println(String.format(Locale.ROOT, format, args));
        System.out.flush();
    }

    private static String machine() {
        int cores = Runtime.getRuntime().availableProcessors();
        String cpu = "";
        String memory = "";
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("");
            memory = Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal"))
                    .findFirst().map(l -> String.format(Locale.ROOT, "%.1f GiB RAM",
                            Long.parseLong(l.replaceAll("\\D", "")) / 1024.0 / 1024.0)).orElse("");
        } catch (Exception ignored) {
            // not Linux
        }
        var runtime = ManagementFactory.getRuntimeMXBean();
        return String.format(Locale.ROOT, "%d cores (nproc)%s, %s, JDK %s (%s), %s %s", cores,
                cpu.isBlank() ? "" : " " + cpu, memory, System.getProperty("java.version"), runtime.getVmName(),
                System.getProperty("os.name"), System.getProperty("os.version"));
    }
}
