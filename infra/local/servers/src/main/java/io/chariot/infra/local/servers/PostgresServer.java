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
    private volatile ProcessHandle postmaster;
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
        Files.createDirectories(logFile.getParent());
        // A postmaster a killed stack left running: fast shutdown (SIGINT), data kept. A postmaster.pid naming a dead
        // or unrelated process is deleted, so PostgreSQL does not refuse to start because of a reused pid.
        StaleProcesses.stopIfAlive(dataDir.resolve("postmaster.pid"), "postgres", "INT", Duration.ofSeconds(20));
        port = Ports.free();
        launch();

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

    /** Starts the postmaster on {@link #port} (pg_ctl detaches it: it is not this JVM's child). */
    private void launch() throws IOException {
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
        postmaster = readPostmasterPid();
    }

    /** After the postmaster died: release the old handle's lock, start again on the same port (crash recovery). */
    @Override
    public void restart() throws Exception {
        if (postgres != null) {
            try {
                postgres.close(); // pg_ctl stop finds nothing to stop; releases the data dir's lock
            } catch (IOException | RuntimeException e) {
                LOG.debug("closing the dead postmaster's handle", e);
            }
            postgres = null;
        }
        StaleProcesses.stopIfAlive(dataDir.resolve("postmaster.pid"), "postgres", "INT", Duration.ofSeconds(20));
        launch();
    }

    private ProcessHandle readPostmasterPid() throws IOException {
        List<String> lines = Files.readAllLines(dataDir.resolve("postmaster.pid"), StandardCharsets.UTF_8);
        long pid = Long.parseLong(lines.get(0).trim());
        return ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException("postmaster " + pid + " is gone"));
    }

    @Override
    public Optional<ProcessHandle> process() {
        return Optional.ofNullable(postmaster);
    }

    /** Fast shutdown: clients are disconnected, a checkpoint is written. */
    @Override
    public String stopSignal() {
        return "INT";
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
            postmaster = null;
        }
    }
}
