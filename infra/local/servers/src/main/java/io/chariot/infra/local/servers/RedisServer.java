package io.chariot.infra.local.servers;

import io.chariot.infra.local.StackProbe;
import java.io.IOException;
import java.io.InputStream;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real redis-server: the one on PATH if there is one, else the binary shipped in embedded-redis, run as a child
 * process bound to 127.0.0.1, data in {@code <work>/redis}, its log in {@code <work>/logs/redis.log}.
 * <p>
 * <b>Durable as acknowledged</b>: an append-only file with {@code appendfsync always}, no RDB snapshots. The Redis
 * read models keep their position in PostgreSQL (Axon's token store), so a Redis that forgets writes it acknowledged
 * loses those events for good. {@code everysec} is not enough even for a process kill, not only for a power loss:
 * while a background fsync is slow, Redis postpones writing its AOF buffer for up to 2 s but still answers clients,
 * so a SIGKILL then drops acknowledged writes. {@code always} writes and fsyncs the buffer before any reply of that
 * event-loop turn leaves, one fsync for all the clients' writes of the turn (see docs/adr/0010).
 * <p>
 * A data dir that has only a {@code dump.rdb} (stacks from before the AOF) is loaded from it once, then switched to
 * the AOF with {@code CONFIG SET appendonly yes}, which rewrites the AOF from memory: nothing is lost on upgrade.
 */
final class RedisServer implements ManagedServer {

    private static final Logger LOG = LoggerFactory.getLogger(RedisServer.class);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private final Path dir;
    private final Path logFile;
    private final Path pidFile;
    private Path binary;
    private int port;
    private volatile Process process;
    private String url;

    RedisServer(Path workDir) {
        this.dir = workDir.resolve("redis");
        this.logFile = workDir.resolve("logs/redis.log");
        this.pidFile = dir.resolve("redis.pid");
    }

    @Override
    public String name() {
        return "redis";
    }

    @Override
    public void start() throws Exception {
        Files.createDirectories(dir);
        Files.createDirectories(logFile.getParent());
        StaleProcesses.stopIfAlive(pidFile, "redis-server", Duration.ofSeconds(20));
        binary = onPath("redis-server").orElse(null);
        if (binary == null) {
            binary = extractBundledBinary(dir.resolve("bin"));
        }
        port = Ports.free();
        url = "redis://127.0.0.1:" + port;
        boolean migrate = !hasAppendOnlyFile() && Files.exists(dir.resolve("dump.rdb"));
        launch(!migrate);
        if (migrate) {
            switchToAppendOnly();
        }
    }

    @Override
    public void restart() throws Exception {
        launch(true);
    }

    private void launch(boolean appendOnly) throws Exception {
        List<String> command = new ArrayList<>(List.of(binary.toString(),
                "--bind", "127.0.0.1",
                "--port", Integer.toString(port),
                "--dir", dir.toString(),
                "--pidfile", pidFile.toString(),
                "--daemonize", "no",
                "--save", "",
                "--appendonly", appendOnly ? "yes" : "no",
                "--appendfsync", "always",
                "--aof-load-truncated", "yes"));
        Redirect log = Redirect.appendTo(logFile.toFile());
        process = start(new ProcessBuilder(command).directory(dir.toFile()).redirectOutput(log).redirectError(log));
        Process started = process;
        Waits.until("redis", START_TIMEOUT, Duration.ofMillis(50), () -> {
            if (!started.isAlive()) {
                throw new IllegalStateException("redis-server exited with code " + started.exitValue()
                        + " (see " + logFile + ")");
            }
            StackProbe.redis(url, Duration.ofSeconds(2));
        });
    }

    /**
     * Starts the binary, again on ETXTBSY: a child another thread forks while the binary was being extracted may
     * hold the written file open for a moment (the JDK's fork/exec window), and exec then fails with "Text file busy".
     */
    private static Process start(ProcessBuilder builder) throws IOException, InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                return builder.start();
            } catch (IOException e) {
                if (attempt >= 20 || e.getMessage() == null || !e.getMessage().contains("error=26")) {
                    throw e;
                }
                Thread.sleep(50);
            }
        }
    }

    /** Existing data from RDB snapshots: turn the AOF on at run time, Redis rewrites it from memory. */
    private void switchToAppendOnly() throws Exception {
        LOG.info("redis: converting the RDB snapshot in {} to an append-only file", dir);
        try (RedisCommands redis = RedisCommands.connect(port, Duration.ofSeconds(10))) {
            redis.call("CONFIG", "SET", "appendonly", "yes");
            Waits.until("redis append-only rewrite", Duration.ofMinutes(5), Duration.ofMillis(100), () -> {
                String info = redis.call("INFO", "persistence");
                if (!info.contains("aof_enabled:1") || !info.contains("aof_rewrite_in_progress:0")
                        || !info.contains("aof_rewrite_scheduled:0") || info.contains("aof_last_bgrewrite_status:err")) {
                    throw new IllegalStateException("still rewriting");
                }
            });
        }
        Files.move(dir.resolve("dump.rdb"), dir.resolve("dump.rdb.before-aof"), StandardCopyOption.REPLACE_EXISTING);
    }

    private boolean hasAppendOnlyFile() {
        // Redis 6 writes appendonly.aof; Redis 7 a directory of files with a manifest.
        return Files.exists(dir.resolve("appendonly.aof")) || Files.isDirectory(dir.resolve("appendonlydir"));
    }

    /**
     * Copies the jar's redis-server for this platform into this stack's own directory: a shared temp file fails
     * with "Text file busy" when two stacks start at once (one writes while the other executes it).
     */
    private static Path extractBundledBinary(Path binDir) throws IOException {
        String resource = bundledBinary().orElseThrow(() -> new IllegalStateException(
                "no redis-server on PATH and none bundled for " + System.getProperty("os.name") + "/"
                        + System.getProperty("os.arch") + " (install redis-server or set CHARIOT_REDIS_URL)"));
        try (InputStream in = RedisServer.class.getResourceAsStream("/" + resource)) {
            if (in == null) {
                throw new IllegalStateException("embedded-redis lacks " + resource);
            }
            Files.createDirectories(binDir);
            Path target = binDir.resolve("redis-server");
            Path partial = Files.createTempFile(binDir, "redis-server", ".partial");
            Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
            partial.toFile().setExecutable(true);
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return target;
        }
    }

    private static Optional<String> bundledBinary() {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch");
        boolean x64 = arch.equals("amd64") || arch.equals("x86_64");
        boolean arm64 = arch.equals("aarch64") || arch.equals("arm64");
        if (os.contains("linux") && x64) {
            return Optional.of("redis-server-6.2.6-v5-linux-amd64");
        }
        if (os.contains("linux") && arm64) {
            return Optional.of("redis-server-6.2.7-linux-arm64");
        }
        if (os.contains("mac") && x64) {
            return Optional.of("redis-server-6.2.6-v5-darwin-amd64");
        }
        if (os.contains("mac") && arm64) {
            return Optional.of("redis-server-6.2.6-v5-darwin-arm64");
        }
        return Optional.empty();
    }

    private static Optional<Path> onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        return Stream.of(path.split(java.io.File.pathSeparator))
                .filter(p -> !p.isBlank())
                .map(p -> Path.of(p, name))
                .filter(Files::isExecutable)
                .findFirst();
    }

    @Override
    public String endpoint() {
        return url;
    }

    @Override
    public Map<String, String> attributes() {
        return Map.of("redis.data", dir.toString(), "redis.binary", String.valueOf(binary),
                "redis.appendfsync", "always");
    }

    @Override
    public Optional<ProcessHandle> process() {
        return Optional.ofNullable(process).map(Process::toHandle);
    }

    @Override
    public void stop() throws InterruptedException {
        Process running = process;
        process = null;
        if (running != null && running.isAlive()) {
            running.destroy();
            if (!running.waitFor(30, TimeUnit.SECONDS)) {
                running.destroyForcibly();
                running.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
