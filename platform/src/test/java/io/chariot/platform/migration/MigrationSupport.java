package io.chariot.platform.migration;

import io.chariot.api.account.SecretHash;
import io.chariot.api.account.AccountCommands.IssueApiKey;
import io.chariot.infra.local.StackEndpoints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chariot.migration.cli.MigrateCli;
import io.chariot.migration.store.EventStore;
import io.chariot.personal.PersonalFieldCipher;
import io.chariot.personal.TenantKeyStore;
import io.chariot.query.explorer.view.DecryptingPersonalData;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.flywaydb.core.Flyway;
import org.postgresql.ds.PGSimpleDataSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** What the migration ITs share: the CLI run in-process, an operator's key, a second event store, event dumps. */
final class MigrationSupport {

    /** The shared sample, relative to the project root, then to the repository's parent (as in CI). */
    static final String SAMPLE = "../shared/legacy-sample";
    private static final ObjectMapper JSON = new ObjectMapper();

    record CliRun(int exit, String out, String err) {
        String all() {
            return out + err;
        }
    }

    private MigrationSupport() {
    }

    /** The shared sample folder, or null when this machine has none. */
    static Path sample() {
        Path root = Path.of(System.getProperty("chariot.root", ".")).toAbsolutePath().normalize();
        for (Path candidate : List.of(root.resolve(SAMPLE), root.getParent() == null ? root.resolve(SAMPLE)
                : root.getParent().resolve(SAMPLE))) {
            Path p = candidate.normalize();
            if (Files.isDirectory(p.resolve("neo4j")) && Files.isDirectory(p.resolve("dynamodb"))) {
                return p;
            }
        }
        return null;
    }

    /** The environment the CLI sees: the event store of {@code endpoints}, and an API key when given. */
    static Map<String, String> env(StackEndpoints endpoints, String postgresUrl, String[] key) {
        Map<String, String> env = new HashMap<>();
        env.put(StackEndpoints.ENV_POSTGRES_URL, postgresUrl == null ? endpoints.postgresJdbcUrl() : postgresUrl);
        env.put(StackEndpoints.ENV_POSTGRES_USER, endpoints.postgresUser());
        env.put(StackEndpoints.ENV_POSTGRES_PASSWORD, endpoints.postgresPassword());
        if (key != null) {
            env.put("CHARIOT_API_KEY_ID", key[0]);
            env.put("CHARIOT_API_KEY_SECRET", key[1]);
        }
        return env;
    }

    static CliRun cli(Map<String, String> env, Path workDir, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> all = new ArrayList<>(List.of(args));
        all.add(1, "--work-dir=" + workDir);
        int exit = MigrateCli.execute(new MigrateCli(env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)), all.toArray(String[]::new));
        return new CliRun(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** An API key of the platform operator: {id, secret}. */
    static String[] operatorKey(CommandGateway commands, String operator) {
        String id = "op-" + UUID.randomUUID();
        String secret = SecretHash.newSecret();
        commands.sendAndWait(new IssueApiKey(id, operator, "migration verify", SecretHash.of(secret), "admin", null,
                "test"));
        return new String[]{id, secret};
    }

    /** A fresh database beside the platform's on the same server, with the event store's tables. */
    static String freshDatabase(StackEndpoints endpoints, String name) throws SQLException {
        String url = endpoints.postgresJdbcUrl();
        try (Connection c = DriverManager.getConnection(url, endpoints.postgresUser(), endpoints.postgresPassword())) {
            c.createStatement().execute("DROP DATABASE IF EXISTS " + name);
            c.createStatement().execute("CREATE DATABASE " + name);
        }
        int slash = url.lastIndexOf('/');
        int query = url.indexOf('?', slash);
        String other = url.substring(0, slash + 1) + name + (query < 0 ? "" : url.substring(query));
        // as the platform runs them: Flyway's lock a session lock, or the explorer's CREATE INDEX CONCURRENTLY (V51)
        // waits for Flyway's own lock transaction for ever (ADR 0013)
        Flyway.configure().dataSource(other, endpoints.postgresUser(), endpoints.postgresPassword())
                .locations("classpath:db/migration")
                .configuration(Map.of("flyway.postgresql.transactional.lock", "false")).load().migrate();
        return other;
    }

    /**
     * The events imported from {@code source} as text, one line per event in aggregate and sequence order: every
     * column but the global index and the append time, the payload with its personal fields decrypted (each
     * database has its own tenant keys, so the same event's ciphertexts differ between two stores; ADR 0019).
     */
    static List<String> importedEvents(String url, StackEndpoints endpoints, String source) throws SQLException {
        PGSimpleDataSource keysDb = new PGSimpleDataSource();
        keysDb.setUrl(url);
        keysDb.setUser(endpoints.postgresUser());
        keysDb.setPassword(endpoints.postgresPassword());
        // the master key the CLI runs resolve here: no CHARIOT_CRYPTO_MASTER_KEY, no JWT secret (env())
        TenantKeyStore keys = new TenantKeyStore(keysDb, EventStore.masterKey(Map.of(), null), Duration.ofMinutes(1),
                1000);
        DecryptingPersonalData personal = new DecryptingPersonalData(new PersonalFieldCipher(keys), keys);
        List<String> rows = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url, endpoints.postgresUser(), endpoints.postgresPassword())) {
            var ps = c.prepareStatement("""
                    SELECT aggregateIdentifier, sequenceNumber, type, eventIdentifier, payloadType, payloadRevision,
                           payload, metaData
                    FROM domainevententry
                    WHERE position(convert_to(?, 'UTF8') IN metaData) > 0
                    ORDER BY aggregateIdentifier, sequenceNumber""");
            ps.setString(1, "\"migration\":\"" + source + "\"");
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(rs.getString(1) + "|" + rs.getLong(2) + "|" + rs.getString(3) + "|" + rs.getString(4)
                            + "|" + rs.getString(5) + "|" + rs.getString(6) + "|"
                            + clear(personal, rs.getBytes(7)) + "|"
                            + HexFormat.of().formatHex(rs.getBytes(8)));
                }
            }
        }
        return rows;
    }

    private static String clear(DecryptingPersonalData personal, byte[] payload) {
        try {
            JsonNode stored = JSON.readTree(payload);
            return personal.shown(stored.path("tenant").asText(null), null, stored).toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static long count(String url, StackEndpoints endpoints, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, endpoints.postgresUser(), endpoints.postgresPassword());
             ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
