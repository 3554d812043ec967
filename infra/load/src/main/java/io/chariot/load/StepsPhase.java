package io.chariot.load;

import io.chariot.load.StepSchedule.Kind;
import io.chariot.load.StepVerdicts.Lag;
import io.chariot.load.StepVerdicts.Limits;
import io.chariot.load.StepVerdicts.Verdict;
import io.chariot.projections.instances.ScheduledPoll;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.LongFunction;
import java.util.stream.Collectors;

/**
 * The {@code steps} phase (issue 14): open-loop load at stepping rates of mixed commands (PUT /asset, PUT /attribute
 * and PUT /risk on assets written earlier) plus as many reads (POST /my, GET /my), all with the platform's default
 * read-your-writes, so a command's latency includes the read side catching up. Per step: latencies from the intended
 * send times, failures, late and unstarted requests, each store's projection lag at the start, middle and end (from
 * the platform's admin API), CPU per command by process. Then the sustainable rate, and each store's raw write rate
 * in the same run.
 */
final class StepsPhase {

    record Options(StepSchedule schedule, int workers, int lateMs, Limits limits, int warmupSeconds, int fillAssets,
                   boolean raw, int rawSeconds, int rawThreads, int rawConnections, int rawRowBytes) {
    }

    /** How long the read side may take to apply the fill before the run gives up. */
    private static final Duration FILL_APPLY_TIMEOUT = Duration.ofMinutes(10);

    /** One measured step. */
    record Step(OpenLoop.Outcome loop, Map<String, Lag> lag, Map<String, Boolean> lagGrows, Verdict verdict) {
        int rate() {
            return loop.rate();
        }
    }

    /** One raw write rate: store, rate, unit, how. */
    record Raw(String store, double rate, String unit, String how) {
    }

    private final Options options;
    private final HttpDriver http;
    private final Map<String, String> auth;
    private final AtomicLong sequence;
    private final LongFunction<String> putBody;
    private final LongFunction<String> assetKey;
    private final ProjectionLag projections;
    /** Assets whose PUT was acknowledged (visible everywhere): the targets of attributes, risks and reads. */
    private final AtomicLongArray acked = new AtomicLongArray(1 << 16);
    private final AtomicLong ackedCount = new AtomicLong();

    StepsPhase(Options options, HttpDriver http, Map<String, String> auth, AtomicLong sequence,
               LongFunction<String> putBody, LongFunction<String> assetKey) {
        this.options = options;
        this.http = http;
        this.auth = auth;
        this.sequence = sequence;
        this.putBody = putBody;
        this.assetKey = assetKey;
        this.projections = new ProjectionLag(http, auth);
    }

    /** Seeds, warms up, runs the steps until the stop rule; returns the measured steps. */
    List<Step> run() throws Exception {
        StepSchedule schedule = options.schedule();
        line("-- steps: offered %s commands/s, %d s each; the same rate of reads (POST /my, GET /my alternating) on "
                        + "top; commands %s; read-your-writes (the default); %d workers; latency from the intended send "
                        + "time; 'late' = started more than %d ms after it", schedule.rates(), schedule.stepSeconds(),
                schedule.mix().describe(), options.workers(), options.lateMs());
        if (options.fillAssets() > 0) {
            fill(options.fillAssets());
        }
        seed(100);
        if (options.warmupSeconds() > 0) {
            int warmRate = schedule.rates().get(0);
            StepSchedule warm = new StepSchedule(List.of(warmRate), options.warmupSeconds(), schedule.mix());
            line("-- warm-up: %d s at %d commands/s (not measured)", options.warmupSeconds(), warmRate);
            OpenLoop loop = new OpenLoop(warm, warmRate, options.workers(), options.lateMs() * 1_000_000L, this::send);
            loop.start();
            OpenLoop.Outcome o = loop.finish();
            line("   %d commands and %d reads answered, %d failed %s", o.okCommands(), o.okReads(), o.failedTotal(),
                    o.errorKinds().isEmpty() ? "" : o.errorKinds());
        }
        List<Step> steps = new ArrayList<>();
        List<Boolean> passed = new ArrayList<>();
        for (int i = 0; i < schedule.rates().size(); i++) {
            int rate = schedule.rates().get(i);
            Step step = step(i + 1, rate);
            steps.add(step);
            passed.add(step.verdict().passed());
            if (StepVerdicts.stop(passed, options.limits().stopAfterFailures())) {
                if (i + 1 < schedule.rates().size()) {
                    line("-- stopping: %d consecutive steps failed", options.limits().stopAfterFailures());
                }
                break;
            }
        }
        return steps;
    }

    /**
     * Fills the stores with {@code assets} assets and a quarter as many attributes and as many risks on them
     * (respond-async, 16 at a time) and waits until every read model has applied them, so the steps measure stores that hold data. Neo4j
     * re-plans each cached query once the statistics it was planned on (a label's count, an index's selectivity) have
     * diverged by about three quarters, and a wave of re-plans stalls every graph statement for up to a second. From
     * empty labels the steps' own writes set off such waves, and a step then failed on a store's growth from nothing,
     * which no tenant's store sees (BENCHMARKS.md).
     */
    private void fill(int assets) throws Exception {
        line("-- filling the stores: %,d assets, %,d attributes and %,d risks (respond-async), then waiting until every "
                + "read model has them ...", assets, assets / 4, assets / 4);
        Map<String, String> async = new LinkedHashMap<>(auth);
        async.put("Prefer", "respond-async");
        long t0 = System.nanoTime();
        LoadRunner.Result r = LoadRunner.run("steps-fill", 16, Duration.ZERO, assets, sequence, (w, n) -> {
            HttpDriver.Response response = http.send("PUT", "/asset", putBody.apply(n), async);
            if (!response.ok()) {
                return "HTTP " + response.status();
            }
            acked(n); // stored on the command side, which is all an attribute or a risk on it needs
            return null;
        });
        LoadRunner.Result onAssets = LoadRunner.run("steps-fill-on-assets", 16, Duration.ZERO, assets / 2,
                new AtomicLong(), (w, n) -> onAsset(n % 2 == 0 ? Kind.PUT_ATTRIBUTE : Kind.PUT_RISK, async));
        Map<String, Long> left = new TreeMap<>();
        boolean applied = ScheduledPoll.until(Duration.ofMillis(500), FILL_APPLY_TIMEOUT, () -> {
            Map<String, Long> byStore = lagSample("fill").byStore(); // empty when the platform did not answer
            left.clear();
            left.putAll(byStore);
            return !byStore.isEmpty() && byStore.values().stream().allMatch(l -> l == 0);
        });
        if (!applied) {
            throw new IllegalStateException("the read models had not applied the fill after "
                    + FILL_APPLY_TIMEOUT.toSeconds() + " s: " + left);
        }
        line("   %,d written (%d failed), all applied %.0f s after the first", r.ok() + onAssets.ok(),
                r.errors() + onAssets.errors(), (System.nanoTime() - t0) / 1e9);
    }

    private void seed(int assets) throws InterruptedException {
        line("-- seeding %d assets for attributes, risks and reads ...", assets);
        LoadRunner.Result r = LoadRunner.run("steps-seed", 8, Duration.ZERO, assets, sequence, (w, n) -> {
            HttpDriver.Response response = http.send("PUT", "/asset", putBody.apply(n), auth);
            if (!response.ok()) {
                return "HTTP " + response.status();
            }
            acked(n);
            return null;
        });
        if (ackedCount.get() == 0) {
            throw new IllegalStateException("no seed asset was written: " + r.errorKinds());
        }
    }

    private Step step(int number, int rate) throws Exception {
        StepSchedule schedule = options.schedule();
        line("-- step %d: %d commands/s + %d reads/s offered for %d s ...", number, rate, rate, schedule.stepSeconds());
        OpenLoop loop = new OpenLoop(schedule, rate, options.workers(), options.lateMs() * 1_000_000L, this::send);
        ProjectionLag.Sample start = lagSample("start");
        ProjectionLag.Sample middle;
        ProjectionLag.Sample end;
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        try {
            long t0 = loop.start();
            long stepNanos = schedule.stepSeconds() * 1_000_000_000L;
            // the middle and end samples at fixed times of the step, however long the platform takes to answer
            Future<ProjectionLag.Sample> atMiddle = sampler.schedule(() -> lagSample("middle"),
                    t0 + stepNanos / 2 - System.nanoTime(), TimeUnit.NANOSECONDS);
            Future<ProjectionLag.Sample> atEnd = sampler.schedule(() -> lagSample("end"),
                    t0 + stepNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
            middle = atMiddle.get();
            end = atEnd.get();
        } finally {
            sampler.shutdownNow();
        }
        OpenLoop.Outcome o = loop.finish();

        Map<String, Lag> lag = new TreeMap<>();
        Map<String, Boolean> grows = new TreeMap<>();
        java.util.Set<String> sampled = new java.util.TreeSet<>(start.byStore().keySet());
        sampled.addAll(middle.byStore().keySet());
        sampled.addAll(end.byStore().keySet());
        for (String store : sampled) {
            Lag l = new Lag(start.byStore().getOrDefault(store, 0L), middle.byStore().getOrDefault(store, 0L),
                    end.byStore().getOrDefault(store, 0L));
            lag.put(store, l);
            grows.put(store, l.grows(StepVerdicts.tolerance(rate)));
        }
        if (start.byStore().isEmpty() || middle.byStore().isEmpty() || end.byStore().isEmpty()) {
            grows.put("unsampled", true); // not shown stable, so not passed
        }
        Verdict verdict = StepVerdicts.judge(o.latencies().ms(true, 99), o.latencies().ms(false, 99),
                o.failedPercent(), grows, options.limits());
        Step step = new Step(o, lag, grows, verdict);
        print(step, end);
        return step;
    }

    /** A lag sample; an empty one (and a line saying why) if the platform did not answer, so the run goes on. */
    private ProjectionLag.Sample lagSample(String when) {
        try {
            return projections.sample();
        } catch (IOException e) {
            line("   lag at the %s not sampled: %s", when, e.getMessage());
            return new ProjectionLag.Sample(Map.of(), Map.of(), Map.of(), Map.of(), java.util.Set.of());
        }
    }

    // ------------------------------------------------------------------------------------------------ requests

    private String send(Kind kind, long index) throws IOException {
        return switch (kind) {
            case PUT_ASSET -> {
                long n = sequence.getAndIncrement();
                HttpDriver.Response r = http.send("PUT", "/asset", putBody.apply(n), auth);
                if (r.ok()) {
                    acked(n);
                }
                yield r.ok() ? null : "HTTP " + r.status();
            }
            case PUT_ATTRIBUTE, PUT_RISK -> onAsset(kind, auth);
            case POST_MY -> {
                String key = assetKey.apply(someAsset());
                HttpDriver.Response r = http.send("POST", "/my", "{\"node\":{\"labels\":[\"Asset\"],\"filters\":[{"
                        + "\"field\":\"key\",\"operator\":\"=\",\"value\":\"" + key + "\",\"not\":false}]},"
                        + "\"limit\":4096,\"page\":0}", auth);
                yield found(r, key);
            }
            case GET_MY -> {
                String key = assetKey.apply(someAsset());
                yield found(http.send("GET", "/my?key=" + URLEncoder.encode(key, StandardCharsets.UTF_8), null, auth), key);
            }
        };
    }

    private static String status(HttpDriver.Response r) {
        return r.ok() ? null : "HTTP " + r.status();
    }

    /** A read of an acknowledged asset must find it: read-your-writes promised it is visible. */
    private static String found(HttpDriver.Response r, String key) {
        if (!r.ok()) {
            return "HTTP " + r.status();
        }
        return r.body().contains(key) ? null : "acknowledged asset missing";
    }

    /** A PUT /attribute or PUT /risk on an acknowledged asset (the CLI's bodies). */
    private String onAsset(Kind kind, Map<String, String> headers) throws IOException {
        String key = assetKey.apply(someAsset());
        long n = sequence.getAndIncrement();
        return kind == Kind.PUT_ATTRIBUTE
                ? status(http.send("PUT", "/attribute", "{\"key\":\"" + key + "\",\"name\":\"bench\",\"value\":\"v" + n
                        + "\"}", headers))
                : status(http.send("PUT", "/risk", "{\"key\":\"" + key + "\",\"name\":\"bench-risk-" + n
                        + "\",\"status\":\"TH\",\"comment\":\"bench\",\"source\":\"\"}", headers));
    }

    private void acked(long n) {
        long slot = ackedCount.getAndIncrement();
        acked.set((int) (slot & (acked.length() - 1)), n);
    }

    private long someAsset() {
        long count = Math.min(ackedCount.get(), acked.length());
        long n = 0;
        while (n == 0) { // a slot just claimed may not be written yet
            n = acked.get((int) ThreadLocalRandom.current().nextLong(Math.max(1, count)));
        }
        return n;
    }

    // ------------------------------------------------------------------------------------------------ raw limits

    /** Each store's raw write rate (see {@link RawStoreWrites}) and PostgreSQL's single-row commit rate. */
    List<Raw> raw(ReadStores stores, RawPostgres postgres, String redisUrl, String tenant) throws Exception {
        return rawRates(stores, postgres, redisUrl, tenant, options.rawSeconds(), options.rawThreads(),
                options.rawConnections(), options.rawRowBytes());
    }

    /** The same, for any phase: {@code seconds} each after 5 s of warm-up. */
    static List<Raw> rawRates(ReadStores stores, RawPostgres postgres, String redisUrl, String tenant, int seconds,
                              int threads, int connections, int rowBytes) throws Exception {
        List<Raw> raws = new ArrayList<>();
        Duration warmup = Duration.ofSeconds(5);
        Duration duration = Duration.ofSeconds(seconds);
        line("-- raw write rates of the stores (the limit), %d s each after %d s warm-up ...", seconds,
                warmup.toSeconds());
        LoadRunner.Result pg = postgres.run(connections, warmup, duration, rowBytes);
        raws.add(new Raw("PostgreSQL (event store)", pg.throughput(), "rows/s", String.format(Locale.ROOT,
                "INSERT of one %d B row per commit, %d connections", rowBytes, connections)));
        RawStoreWrites writes = new RawStoreWrites(List.of(tenant), threads, warmup, duration, 0);
        RawStoreWrites.Result d = writes.dynamodb(stores.dynamo());
        raws.add(new Raw("DynamoDB Local", d.rate(), d.unit(), "BatchWriteItem of 25 asset-shaped items, "
                + d.threads() + " threads"));
        RawStoreWrites.Result n = writes.neo4j(stores.neo4j(), 500);
        raws.add(new Raw("Neo4j", n.rate(), n.unit(), "UNWIND … MERGE of 500 asset-shaped nodes, " + n.threads() + " threads"));
        RawStoreWrites.Result r = writes.redis(redisUrl, 1000);
        raws.add(new Raw("Redis", r.rate(), r.unit(), "pipelines of 1,000 × (HSET + 3 HINCRBY), " + r.threads() + " threads"));
        for (Raw raw : raws) {
            line("   %-26s %,10.0f %s (%s)", raw.store(), raw.rate(), raw.unit(), raw.how());
        }
        return raws;
    }

    // ------------------------------------------------------------------------------------------------ output

    private void print(Step step, ProjectionLag.Sample end) {
        OpenLoop.Outcome o = step.loop();
        StepLatencies l = o.latencies();
        line("   commands %.1f/s answered, p50 %s ms, p99 %s ms; %s", o.okCommands() / o.seconds(),
                fmt(l.ms(true, 50)), fmt(l.ms(true, 99)), perKind(l, true));
        line("   reads %.1f/s answered, p50 %s ms, p99 %s ms; %s", o.okReads() / o.seconds(), fmt(l.ms(false, 50)),
                fmt(l.ms(false, 99)), perKind(l, false));
        line("   failed %d, late starts %d, not started %d of %d%s", o.failedTotal(), o.late(), o.notStarted(),
                o.scheduled(), o.errorKinds().isEmpty() ? "" : " " + o.errorKinds());
        line("   lag (events not applied) start/middle/end: %s%s", step.lag().entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue().start() + "/" + e.getValue().middle() + "/"
                        + e.getValue().end() + (step.lagGrows().get(e.getKey()) ? " GROWING" : ""))
                .collect(Collectors.joining(", ")), end.notLive().isEmpty() ? "" : "; not live: " + end.notLive());
        line("   CPU: %s", o.cpu().describe());
        line("   CPU ms per answered command (reads included): %s", o.cpu().perRequest(o.okCommands()));
        List<String> stalls = stalls(l.slow());
        if (!stalls.isEmpty()) {
            line("   requests of >= %d ms, by the second they were due in (UTC; to match with GC and server logs): %s",
                    StepLatencies.SLOW_MICROS / 1000, String.join(", ", stalls));
        }
        double other = o.cpu().coresByGroup().getOrDefault("other", 0.0);
        if (other > 0.1) {
            line("   WARNING: other processes used %.2f cores during this step; its figures are disturbed", other);
        }
        line("   %s", step.verdict().passed() ? "PASS" : "FAIL: " + String.join(", ", step.verdict().reasons()));
    }

    /** Slow requests grouped by the second they were due in: "12:03:07 ×14 (max 612 ms)". */
    static List<String> stalls(List<StepLatencies.Slow> slow) {
        Map<String, long[]> bySecond = new LinkedHashMap<>();
        DateTimeFormatter second = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);
        for (StepLatencies.Slow s : slow) {
            long[] countAndMax = bySecond.computeIfAbsent(second.format(s.due()), k -> new long[2]);
            countAndMax[0]++;
            countAndMax[1] = Math.max(countAndMax[1], s.micros());
        }
        List<String> out = new ArrayList<>();
        bySecond.forEach((at, c) -> out.add(String.format(Locale.ROOT, "%s ×%d (max %d ms)", at, c[0], c[1] / 1000)));
        return out;
    }

    private static String perKind(StepLatencies l, boolean writes) {
        List<String> parts = new ArrayList<>();
        for (Kind k : Kind.values()) {
            if (k.write == writes) {
                parts.add(String.format(Locale.ROOT, "%s %d answered, p50 %s ms, p99 %s ms", k.label, l.count(k),
                        fmt(l.ms(k, 50)), fmt(l.ms(k, 99))));
            }
        }
        return String.join("; ", parts);
    }

    /** The figures for the results file. */
    static Map<String, String> results(List<Step> steps, List<Raw> raws) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Step s : steps) {
            OpenLoop.Outcome o = s.loop();
            String p = "steps." + s.rate() + ".";
            out.put(p + "cmd.rate", fmt(o.okCommands() / o.seconds()));
            out.put(p + "cmd.p50", fmt(o.latencies().ms(true, 50)));
            out.put(p + "cmd.p99", fmt(o.latencies().ms(true, 99)));
            out.put(p + "read.p99", fmt(o.latencies().ms(false, 99)));
            out.put(p + "failed", Long.toString(o.failedTotal()));
            out.put(p + "late", Long.toString(o.late()));
            out.put(p + "notstarted", Long.toString(o.notStarted()));
            s.lag().forEach((store, l) -> out.put(p + "lag." + store, Long.toString(l.end())));
            out.put(p + "pass", Boolean.toString(s.verdict().passed()));
        }
        OptionalInt sustainable = sustainable(steps);
        out.put("steps.sustainable", sustainable.isPresent() ? Integer.toString(sustainable.getAsInt()) : "none");
        raws.forEach(r -> out.put("raw." + r.store().split(" ")[0].toLowerCase(Locale.ROOT), fmt(r.rate())));
        return out;
    }

    static OptionalInt sustainable(List<Step> steps) {
        return StepVerdicts.sustainable(steps.stream().map(Step::rate).toList(),
                steps.stream().map(s -> s.verdict().passed()).toList());
    }

    /** The start of a phase's Markdown block for BENCHMARKS.md: the marker line, the title and the machine. */
    static StringBuilder markdownHead(String title, String machine) {
        StringBuilder md = new StringBuilder();
        md.append("\n----- Markdown summary (paste into BENCHMARKS.md) -----\n");
        md.append("#### ").append(title).append("\n\n");
        md.append("Machine: ").append(machine).append(". The load driver, the platform and all five servers share these "
                + "cores.\n\n");
        return md;
    }

    /** The Markdown block for BENCHMARKS.md. */
    String markdown(List<Step> steps, List<Raw> raws, String title, String machine, String reproduce) {
        StepSchedule schedule = options.schedule();
        Limits limits = options.limits();
        StringBuilder md = markdownHead(title, machine);
        md.append(String.format(Locale.ROOT, "Open loop: each step offers the rate in commands/s (%s) for %d s and "
                        + "**the same rate of reads on top** (POST /my and GET /my of acknowledged assets, alternating), "
                        + "at fixed intended send times; latency runs from the intended time, so waiting for a free "
                        + "worker (%d) counts. Commands use read-your-writes (the default): a 2xx means visible in every "
                        + "read model. Warm-up %d s at %d commands/s before the first step. Lag: events not yet applied, "
                        + "summed over each store's projections (`GET /admin/projections`), at the start / middle / end "
                        + "of the step; it grows when the end exceeds the start by more than max(100, rate/2) and the "
                        + "second half did not shrink it.%n%n", schedule.mix().describe(), schedule.stepSeconds(),
                options.workers(), options.warmupSeconds(), schedule.rates().get(0)));
        List<String> stores = steps.isEmpty() ? List.of() : new ArrayList<>(steps.get(0).lag().keySet());
        md.append("| Offered cmd/s | Answered cmd/s | Reads/s | Cmd p50 / p99 ms | PUT /asset p50 / p99 | PUT /attribute "
                + "p50 / p99 | PUT /risk p50 / p99 | Read p50 / p99 ms | Failed | Late / not started | Lag at end ("
                + String.join(", ", stores) + ") | Verdict |\n");
        md.append("|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Step s : steps) {
            OpenLoop.Outcome o = s.loop();
            StepLatencies l = o.latencies();
            String lag = stores.stream().map(st -> {
                Lag x = s.lag().get(st);
                return x == null ? "?" : x.end() + (s.lagGrows().get(st) ? " ↑" : "");
            }).collect(Collectors.joining(", "));
            md.append("| ").append(s.rate())
                    .append(" | ").append(fmt(o.okCommands() / o.seconds()))
                    .append(" | ").append(fmt(o.okReads() / o.seconds()))
                    .append(" | ").append(pair(l.ms(true, 50), l.ms(true, 99)))
                    .append(" | ").append(pair(l.ms(Kind.PUT_ASSET, 50), l.ms(Kind.PUT_ASSET, 99)))
                    .append(" | ").append(pair(l.ms(Kind.PUT_ATTRIBUTE, 50), l.ms(Kind.PUT_ATTRIBUTE, 99)))
                    .append(" | ").append(pair(l.ms(Kind.PUT_RISK, 50), l.ms(Kind.PUT_RISK, 99)))
                    .append(" | ").append(pair(l.ms(false, 50), l.ms(false, 99)))
                    .append(" | ").append(o.failedTotal())
                    .append(" | ").append(o.late()).append(" / ").append(o.notStarted())
                    .append(" | ").append(lag)
                    .append(" | ").append(s.verdict().passed() ? "pass" : "fail: " + String.join("; ", s.verdict().reasons()))
                    .append(" |\n");
        }
        md.append("\nCPU ms per answered command, by process (the reads' cost included; the stack JVM split by thread "
                + "name; JIT compiler threads apart):\n\n");
        md.append("| Offered cmd/s | Machine busy | Platform | Kafka | Neo4j | DynamoDB Local | Stack JVM GC+VM | Stack JVM "
                + "rest | PostgreSQL | Redis | Driver | JIT | Total | Other processes (cores) |\n"
                + "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Step s : steps) {
            OpenLoop.Outcome o = s.loop();
            CpuAccounting.Usage cpu = o.cpu();
            if (!cpu.known()) {
                continue;
            }
            long n = o.okCommands();
            double total = 0;
            md.append("| ").append(s.rate()).append(" | ").append(String.format(Locale.ROOT, "%.0f%%", cpu.busy() * 100));
            md.append(" | ").append(cpuMs(cpu.msPerRequest("platform", n)));
            total += cpu.msPerRequest("platform", n);
            for (String server : CpuAccounting.STACK_SERVERS) {
                double ms = cpu.stackServerMsPerRequest(server, n);
                md.append(" | ").append(cpuMs(ms));
                total += ms;
            }
            for (String g : List.of("postgres", "redis", "driver", "jit")) {
                double ms = cpu.msPerRequest(g, n);
                md.append(" | ").append(cpuMs(ms));
                total += ms;
            }
            md.append(" | ").append(cpuMs(total)).append(" | ")
                    .append(String.format(Locale.ROOT, "%.2f", cpu.coresByGroup().getOrDefault("other", 0.0))).append(" |\n");
        }
        OptionalInt sustainable = sustainable(steps);
        md.append(String.format(Locale.ROOT, "%n**Sustainable rate: %s** (the highest step with command p99 < %.0f ms, "
                        + "read p99 < %.0f ms, no store's lag growing and at most %.1f%% of requests failed or not "
                        + "started). Goal (issue 14): ≥ 1,000 commands/s.%n%n",
                sustainable.isPresent() ? sustainable.getAsInt() + " commands/s" : "none of the steps",
                limits.writeP99Ms(), limits.readP99Ms(), limits.maxFailedPercent()));
        Map<String, Long> errors = new TreeMap<>();
        steps.forEach(s -> s.loop().errorKinds().forEach((k, v) -> errors.merge(k, v, Long::sum)));
        if (!errors.isEmpty()) {
            md.append("Failures over all steps: ").append(errors).append(".\n\n");
        }
        if (!raws.isEmpty()) {
            md.append("Raw write rates in the same run, after the steps (the limit each store sets):\n\n");
            md.append("| Store | Raw writes | How |\n|---|---|---|\n");
            raws.forEach(r -> md.append("| ").append(r.store()).append(" | ")
                    .append(String.format(Locale.ROOT, "%,.0f %s", r.rate(), r.unit())).append(" | ").append(r.how())
                    .append(" |\n"));
            md.append('\n');
        }
        if (reproduce != null && !reproduce.isBlank()) {
            md.append("Reproduce: `").append(reproduce).append("`\n");
        }
        md.append("----- end of summary -----\n");
        return md.toString();
    }

    private static String cpuMs(double ms) {
        return Double.isNaN(ms) ? "n/a" : String.format(Locale.ROOT, "%.2f", ms);
    }

    private static String pair(double p50, double p99) {
        return fmt(p50) + " / " + fmt(p99);
    }

    private static String fmt(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, v >= 100 ? "%.0f" : "%.1f", v);
    }

    private static void line(String format, Object... args) {
        System.out.println(String.format(Locale.ROOT, format, args));
        System.out.flush();
    }
}
