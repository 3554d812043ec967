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
        } // else the default: the binary from the jar, written to a temp file

        server = builder.build();
        server.start();
        url = "redis://127.0.0.1:" + port;
        Waits.until("redis", Duration.ofSeconds(10), Duration.ofMillis(50),
                () -> StackProbe.redis(url, Duration.ofSeconds(2)));
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
