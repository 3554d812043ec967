package io.chariot.load;

import io.chariot.infra.local.StackEndpoints;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The ceiling the event store sits under: single-row inserts of a ~600-byte bytea, one transaction (one commit, one
 * WAL flush unless commits are grouped) per row, from {@code concurrency} connections, against the same PostgreSQL
 * server the platform uses. The scratch table is dropped afterwards.
 */
final class RawPostgres {

    static final List<String> SETTINGS = List.of("fsync", "synchronous_commit", "wal_sync_method", "full_page_writes",
            "commit_delay", "wal_level", "shared_buffers", "server_version");

    private final StackEndpoints endpoints;
    private final String table;

    RawPostgres(StackEndpoints endpoints) {
        this.endpoints = endpoints;
        this.table = "chariot_load_scratch_" + ProcessHandle.current().pid();
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(endpoints.postgresJdbcUrl(), endpoints.postgresUser(),
                endpoints.postgresPassword());
    }

    /** The server's durability settings, as this session sees them. */
    Map<String, String> settings() throws SQLException {
        Map<String, String> out = new LinkedHashMap<>();
        try (Connection c = connect(); Statement s = c.createStatement()) {
            for (String name : SETTINGS) {
                try (ResultSet rs = s.executeQuery("SHOW " + name)) {
                    rs.next();
                    out.put(name, rs.getString(1));
                }
            }
        }
        return out;
    }

    LoadRunner.Result run(int concurrency, Duration warmup, Duration duration, int rowBytes) throws Exception {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS " + table);
            s.execute("CREATE TABLE " + table + " (id BIGSERIAL PRIMARY KEY, worker INT NOT NULL, payload BYTEA NOT NULL)");
        }
        List<Connection> connections = new ArrayList<>();
        List<PreparedStatement> statements = new ArrayList<>();
        try {
            for (int i = 0; i < concurrency; i++) {
                Connection c = connect();
                c.setAutoCommit(true);
                connections.add(c);
                statements.add(c.prepareStatement("INSERT INTO " + table + " (worker, payload) VALUES (?, ?)"));
            }
            LoadRunner.Call insert = (worker, seq) -> {
                byte[] payload = new byte[rowBytes];
                ThreadLocalRandom.current().nextBytes(payload);
                PreparedStatement ps = statements.get(worker);
                ps.setInt(1, worker);
                ps.setBytes(2, payload);
                ps.executeUpdate();
                return null;
            };
            AtomicLong sequence = new AtomicLong();
            if (!warmup.isZero()) {
                LoadRunner.run("pg-warmup", concurrency, warmup, 0, sequence, insert);
            }
            return LoadRunner.run("pg-insert", concurrency, duration, 0, sequence, insert);
        } finally {
            for (Connection c : connections) {
                try {
                    c.close();
                } catch (SQLException ignored) {
                    // closing anyway
                }
            }
            try (Connection c = connect(); Statement s = c.createStatement()) {
                s.execute("DROP TABLE IF EXISTS " + table);
            }
        }
    }
}
