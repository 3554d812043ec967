package io.chariot.infra.local.servers;

import io.chariot.infra.local.StackProbe;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * A real redis-server: the one on PATH if there is one, else the binary shipped in embedded-redis. Bound to
 * 127.0.0.1, snapshots in {@code <work>/redis}, its log in {@code <work>/logs/redis.log}.
 */
final class RedisServer implements ManagedServer {

    private final Path dir;
    private final Path logFile;
    private redis.embedded.RedisServer server;
    private BufferedWriter log;
    private String url;
    private String binary = "embedded-redis";

    RedisServer(Path workDir) {
        this.dir = workDir.resolve("redis");
        this.logFile = workDir.resolve("logs/redis.log");
    }

    @Override
    public String name() {
        return "redis";
    }

    @Override
    public void start() throws Exception {
        Files.createDirectories(dir);
        int port = Ports.free();
        log = Files.newBufferedWriter(logFile, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        Consumer<String> toLog = line -> {
            try {
                synchronized (this) {
                    if (log != null) {
                        log.write(line);
                        log.newLine();
                        log.flush();
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
        var builder = redis.embedded.RedisServer.newRedisServer()
                .port(port)
                .bind("127.0.0.1")
                .setting("dir \"" + dir + "\"")
                .setting("dbfilename dump.rdb")
                .setting("save 60 1")
                .setting("daemonize no")
                .soutListener(toLog)
                .serrListener(toLog);
        Optional<Path> onPath = onPath("redis-server");
        if (onPath.isPresent()) {
            builder.executableProvider(() -> onPath.get().toFile());
            binary = onPath.get().toString();
        } else {
            Optional<Path> own = extractBundledBinary(dir.resolve("bin"));
            if (own.isPresent()) {
                builder.executableProvider(() -> own.get().toFile());
                binary = own.get().toString();
            } // else the library's default: the jar's binary for this platform in a shared temp file
        }

        server = builder.build();
        server.start();
        url = "redis://127.0.0.1:" + port;
        Waits.until("redis", Duration.ofSeconds(10), Duration.ofMillis(50),
                () -> StackProbe.redis(url, Duration.ofSeconds(2)));
    }

    /**
     * Copies the jar's linux-amd64 redis-server into this stack's own directory. The library's default writes one
     * shared temp file, and two stacks starting at once then fail with "Text file busy" (one writes while the
     * other executes it).
     */
    private static Optional<Path> extractBundledBinary(Path binDir) throws IOException {
        String arch = System.getProperty("os.arch");
        if (!System.getProperty("os.name").toLowerCase().contains("linux")
                || !(arch.equals("amd64") || arch.equals("x86_64"))) {
            return Optional.empty();
        }
        try (var in = RedisServer.class.getResourceAsStream("/redis-server-6.2.6-v5-linux-amd64")) {
            if (in == null) {
                return Optional.empty();
            }
            Files.createDirectories(binDir);
            Path target = binDir.resolve("redis-server");
            Path partial = Files.createTempFile(binDir, "redis-server", ".partial");
            Files.copy(in, partial, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            partial.toFile().setExecutable(true);
            Files.move(partial, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return Optional.of(target);
        }
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
        return Map.of("redis.data", dir.toString(), "redis.binary", binary);
    }

    @Override
    public void stop() throws IOException {
        if (server != null) {
            server.stop(); // SIGTERM: redis saves its snapshot and exits
            server = null;
        }
        synchronized (this) {
            if (log != null) {
                log.close();
                log = null;
            }
        }
    }
}
