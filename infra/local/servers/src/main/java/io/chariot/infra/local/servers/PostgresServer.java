package io.chariot.infra.local.servers;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PostgreSQL from the zonky binaries (extracted once to {@code java.io.tmpdir/embedded-pg}), its cluster in
 * {@code <work>/postgres/data}, kept across restarts. Durable settings on purpose: zonky passes {@code -F} (fsync off)
 * and {@code synchronous_commit=off}; later {@code -c} options override both.
 */
final class PostgresServer implements ManagedServer {

    static final String DATABASE = "chariot";
    static final String USER = "postgres";
    static final String PASSWORD = "postgres"; // trust authentication on loopback: any password is accepted
    private static final Logger LOG = LoggerFactory.getLogger(PostgresServer.class);
    /** Settings applied on every start; checked with SHOW afterwards. */
    private static final Map<String, String> DURABLE = Map.of("fsync", "on", "synchronous_commit", "on");

    private final Path dataDir;
    private final Path logFile;
    private final Map<String, String> attributes = new LinkedHashMap<>();
    private EmbeddedPostgres postgres;
    private int port;

    PostgresServer(Path workDir) {
        this.dataDir = workDir.resolve("postgres/data");
        this.logFile = workDir.resolve("logs/postgres.log");
    }

    @Override
    public String name() {
        return "postgres";
    }

    @Override
    public void start() throws Exception {
        Files.createDirectories(dataDir);
        stopOrphan();
        port = Ports.free();
        Redirect log = Redirect.appendTo(logFile.toFile());
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .setRegisterShutdownHook(false)
                .setPort(port)
                .setPGStartupWait(Duration.ofSeconds(60))
                .setOutputRedirector(log)
                .setErrorRedirector(log)
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("max_connections", "100");
        DURABLE.forEach(builder::setServerConfig);
        postgres = builder.start();

        try (Connection admin = DriverManager.getConnection(url("postgres"), USER, PASSWORD);
             Statement statement = admin.createStatement()) {
            boolean exists;
            try (ResultSet rs = statement.executeQuery("select 1 from pg_database where datname = '" + DATABASE + "'")) {
                exists = rs.next();
            }
            if (!exists) {
                statement.execute("create database " + DATABASE);
                LOG.info("created database {}", DATABASE);
            }
        }
        try (Connection connection = DriverManager.getConnection(url(DATABASE), USER, PASSWORD);
             Statement statement = connection.createStatement()) {
            try (ResultSet rs = statement.executeQuery("select 1")) {
                rs.next();
            }
            for (String setting : List.of("fsync", "synchronous_commit")) {
                String value = show(statement, setting);
                attributes.put("postgres.settings." + setting, value);
                if (!DURABLE.get(setting).equals(value)) {
                    throw new IllegalStateException("PostgreSQL " + setting + " is " + value + ", expected "
                            + DURABLE.get(setting));
                }
            }
            attributes.put("postgres.version", show(statement, "server_version"));
        }
        attributes.put("postgres.data", dataDir.toString());
    }

    private static String show(Statement statement, String setting) throws SQLException {
        try (ResultSet rs = statement.executeQuery("show " + setting)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    @Override
    public String endpoint() {
        return url(DATABASE);
    }

    @Override
    public Map<String, String> attributes() {
        return attributes;
    }

    @Override
    public void stop() throws IOException {
        if (postgres != null) {
            postgres.close(); // pg_ctl stop -m fast
            postgres = null;
        }
    }

    /** A postmaster left running on this data dir by a stack that was killed: stop it (fast shutdown). */
    private void stopOrphan() throws InterruptedException {
        Path pidFile = dataDir.resolve("postmaster.pid");
        Optional<ProcessHandle> orphan;
        try {
            List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
            orphan = lines.isEmpty() ? Optional.empty() : ProcessHandle.of(Long.parseLong(lines.get(0).trim()));
        } catch (IOException | NumberFormatException e) {
            return;
        }
        if (orphan.isEmpty() || !orphan.get().isAlive()
                || !orphan.get().info().command().map(c -> c.endsWith("postgres")).orElse(false)) {
            return;
        }
        LOG.warn("stopping orphaned postmaster {} of {}", orphan.get().pid(), dataDir);
        ProcessHandle handle = orphan.get();
        // SIGTERM is a smart shutdown; the orphan has no stack left, so clients are gone or going.
        handle.destroy();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (handle.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        if (handle.isAlive()) {
            handle.destroyForcibly();
        }
    }
}
