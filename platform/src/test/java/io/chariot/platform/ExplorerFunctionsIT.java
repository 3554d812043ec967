package io.chariot.platform;

import io.chariot.infra.local.StackEndpoints;
import io.chariot.runtime.eventstore.SerialIndexBuilds;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The explorer's index functions as the store runs them (V50 revised by V52) give the same answer as V50's first
 * versions for every case below, well-formed and malformed alike, on the real PostgreSQL — the condition for V52
 * leaving the indexes built over the old versions as they are. V50's versions are created from V50's own text in a
 * schema of their own. Also: the functions are parallel-safe only where they are, so an index over them builds
 * where PostgreSQL builds in parallel, and the event name is inlined rather than called; and a store from before the
 * explorer gets its indexes even where PostgreSQL would build them in parallel over V50's functions.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExplorerFunctionsIT extends PlatformIntegrationTest {

    static final String V50 = "explorer_v50_" + UUID.randomUUID().toString().substring(0, 8);
    static final HexFormat HEX = HexFormat.of();

    @Autowired
    JdbcTemplate jdbc;

    @BeforeAll
    void createV50sFunctionsInASchemaOfTheirOwn() throws IOException {
        String v50 = new ClassPathResource("db/migration/V50__explorer_functions.sql")
                .getContentAsString(StandardCharsets.UTF_8);
        jdbc.execute("CREATE SCHEMA " + V50);
        jdbc.execute(v50.replace("FUNCTION chariot_", "FUNCTION " + V50 + ".chariot_"));
    }

    @AfterAll
    void dropThem() {
        jdbc.execute("DROP SCHEMA " + V50 + " CASCADE");
    }

    @Test
    void aJsonMemberIsReadAsV50ReadItFromWellFormedAndMalformedDocuments() {
        List<byte[]> documents = new ArrayList<>();
        for (String json : List.of(
                "{\"tenant\":\"a@x.test\",\"by\":\"u@x.test\",\"key\":\"#asset#x#1\"}",
                " \n\t{ \"tenant\" : \"spaced@x.test\" } \r\n",
                "{\"tenant\":null}", "{\"tenant\":42}", "{\"tenant\":1.50}", "{\"tenant\":1E+2}", "{\"tenant\":-0}",
                "{\"tenant\":true}", "{\"tenant\":{\"b\": 1,  \"a\":[1, 2]}}", "{\"tenant\":[]}", "{\"tenant\":\"\"}",
                "{\"tenant\":\"first\",\"tenant\":\"last\"}", "{\"other\":{\"tenant\":\"nested\"}}",
                "{\"tenant\":\"quote \\\" slash \\\\ \\/ tab \\t nl \\n\"}", "{\"tenant\":\"\\u00e9t\\u00E9 \\ud83d\\ude00\"}",
                "{\"ten\\u0061nt\":\"escaped key\"}", "{\"tenant\":\"été ✓ 😀\"}", "{\"tenant\":\"\\\\u0000 is text\"}",
                "{}", "[]", "[{\"tenant\":\"in an array\"}]", "\"tenant\"", "42", "null", "true",
                "{\"tenant\":1e131071}", "{\"tenant\":\"a\",\"n\":1e-16383}",
                // malformed: not JSON, or JSON that jsonb refuses
                "", " ", "{", "{\"tenant\":\"a\"", "{\"tenant\":\"a\",}", "{'tenant':'a'}", "{tenant:\"a\"}",
                "{\"tenant\":\"a\"}{\"tenant\":\"b\"}", "{\"tenant\":\"a\"} x", "{\"tenant\":NaN}", "{\"tenant\":01}",
                "{\"tenant\":\"tab\tinside\"}", "{\"tenant\":\"\\x\"}", "{\"tenant\":\"\\u12\"}",
                "{\"tenant\":\"\\u0000\"}", "{\"tenant\":\"a\",\"x\":\"\\u0000\"}", "{\"tenant\":\"\\ud800\"}",
                "{\"tenant\":\"\\udc00\\ud800\"}", "{\"tenant\":\"a\",\"n\":1e131072}",
                "{\"tenant\":\"a\",\"n\":1e-16384}", "{\"tenant\":\"a\",\"n\":0." + "1".repeat(16_384) + "}",
                "{\"tenant\":\"a\",\"deep\":" + "[".repeat(50_000) + "]".repeat(50_000) + "}",
                "{\"tenant\":\"a\",\"open\":" + "[".repeat(50_000) + "}")) {
            documents.add(json.getBytes(StandardCharsets.UTF_8));
        }
        for (String bytes : List.of("efbbbf7b2274656e616e74223a2261227d", // {"tenant":"a"} after a byte order mark
                "7b2274656e616e74223a2261227d00", // a zero byte after the document
                "7b2274656e616e74223a22" + "80" + "227d", // a continuation byte alone
                "7b2274656e616e74223a22" + "c0af" + "227d", // an overlong '/'
                "7b2274656e616e74223a22" + "eda080" + "227d", // an encoded surrogate
                "7b2274656e616e74223a22" + "f4908080" + "227d", // above U+10FFFF
                "7b2274656e616e74223a22" + "e282" + "227d", // a truncated sequence
                "7b2274656e616e74223a22" + "ff" + "227d",
                "7b2274656e616e74223a22" + "c3a9" + "227d")) { // é: well-formed
            documents.add(HEX.parseHex(bytes));
        }

        for (byte[] document : documents) {
            for (String member : List.of("tenant", "by", "missing")) {
                assertSameAnswer("chariot_json_member(?, ?)", document, member);
            }
        }
        assertThat(jdbc.queryForObject("SELECT chariot_json_member(?, 'tenant')", String.class,
                documents.get(0))).isEqualTo("a@x.test");
        assertThat(jdbc.queryForObject("SELECT chariot_json_member(?, 'tenant')", String.class,
                "{\"tenant\":\"first\",\"tenant\":\"last\"}".getBytes(StandardCharsets.UTF_8))).isEqualTo("last");
        assertThat(jdbc.queryForObject("SELECT chariot_json_member(?, 'tenant')", String.class,
                "{\"tenant\":\"a\",}".getBytes(StandardCharsets.UTF_8))).isNull();
        assertThat(jdbc.queryForObject("SELECT chariot_json_member(?, 'tenant')", String.class,
                (Object) HEX.parseHex("7b2274656e616e74223a2280227d"))).isNull();
        assertThat(jdbc.queryForObject("SELECT chariot_json_member(NULL, 'tenant')", String.class)).isNull();
    }

    @Test
    void anInstantIsReadAsV50ReadItFromWellFormedAndMalformedStamps() {
        List<String> stamps = List.of("2026-11-24T10:00:00Z", "2026-11-24T10:00:00.1Z", "2026-11-24T10:00:00.123Z",
                "2026-11-24T10:00:00.123456789Z", "2026-11-24T10:00:00+02:00", "2026-11-24 10:00:00",
                "2026-11-24", "1970-01-01T00:00:00Z", "0001-01-01T00:00:00Z", "2026-11-24T10:00:00 Europe/Paris",
                "epoch", "infinity", "-infinity", "now", "today", "allballs", "J2461000", "2026-11-24 10:00:00 BC",
                // malformed
                "", " ", "x", "2026-13-01T00:00:00Z", "2026-02-30T00:00:00Z", "2026-11-24T25:00:00Z",
                "2026-11-24T10:60:00Z", "294277-01-01T00:00:00Z", "2026-11-24T10:00:00+99:00",
                "2026-11-24T10:00:00 America/Nowhere", "2026-11-24T10:00:00ZZ", "T10:00:00Z", "2026-11-24T",
                "2026-11-24T10:00:00." + "1".repeat(100) + "Z", "1".repeat(100_000));
        for (String stamp : stamps) {
            assertSameAnswer("chariot_instant(?)", stamp);
        }
        assertThat(jdbc.queryForObject("SELECT chariot_instant('2026-11-24T10:00:00.123Z')", Instant.class))
                .isEqualTo(Instant.parse("2026-11-24T10:00:00.123Z"));
        assertThat(jdbc.queryForObject("SELECT chariot_instant('2026-13-01T00:00:00Z')", Instant.class)).isNull();
    }

    @Test
    void anEventNameIsReadAsV50ReadItFromAnyPayloadType() {
        for (String type : List.of("io.chariot.api.risk.RiskEvents$RiskOpened", "io.chariot.api.asset.AssetDiscovered",
                "Plain", "", "a.", "a$", ".$", "$.", "a$b.c", "a.b$c$d", "line\nbreak.Name", "ünï.cödé$Ñame",
                "..", "a..b")) {
            assertSameAnswer("chariot_event_name(?)", type);
        }
        assertThat(jdbc.queryForObject("SELECT chariot_event_name('io.chariot.api.risk.RiskEvents$RiskOpened')",
                String.class)).isEqualTo("RiskOpened");
    }

    @Test
    void theEventNameIsAnInlinedExpressionNotAFunctionCall() {
        String plan = String.join("\n", jdbc.queryForList("EXPLAIN VERBOSE SELECT chariot_event_name(payloadType) "
                + "FROM domainEventEntry", String.class));
        assertThat(plan).contains("regexp_replace").doesNotContain("chariot_event_name");
    }

    @Test
    void anIndexOverTheFunctionsBuildsWhereAndWhenPostgresBuildsInParallel() {
        String table = V50 + ".events";
        jdbc.execute("CREATE TABLE " + table + " (LIKE public.domainEventEntry INCLUDING DEFAULTS)");
        jdbc.update("INSERT INTO " + table + " (globalIndex, aggregateIdentifier, sequenceNumber, type, "
                + "eventIdentifier, metaData, payload, payloadType, timeStamp) SELECT i, 'a' || i, 0, 'Asset', "
                + "'e' || i, convert_to('{\"traceId\":\"t' || i || '\"}', 'UTF8'), convert_to('{\"tenant\":\"a@p.test\"}', "
                + "'UTF8'), 'x.y$Z', '2026-01-01T00:00:00Z' FROM generate_series(1, 2000) AS i");
        jdbc.execute("ANALYZE " + table);

        // the store's functions: the builds succeed (serially for the JSON member, which is not parallel-safe)
        inParallelMode(c -> {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE INDEX ON " + table + " (chariot_json_member(payload, 'tenant'), globalIndex)");
                s.execute("CREATE INDEX ON " + table + " (chariot_instant(timeStamp))");
                s.execute("CREATE INDEX ON " + table + " (chariot_event_name(payloadType), globalIndex)");
                try (ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table
                        + " WHERE chariot_json_member(metaData, 'traceId') IS NOT NULL")) {
                    rs.next();
                    assertThat(rs.getInt(1)).isEqualTo(2000);
                }
            }
            return null;
        });
        // V50's, declared parallel-safe with an exception handler: the same build fails
        assertThatThrownBy(() -> inParallelMode(c -> {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE INDEX ON " + table + " (" + V50 + ".chariot_json_member(payload, 'tenant'))");
            }
            return null;
        })).hasMessageContaining("cannot start subtransactions during a parallel operation");
    }

    @Test
    void theExplorersIndexesBuildOnAStoreFromBeforeTheExplorerWherePostgresBuildsIndexesInParallel() throws Exception {
        // a store at V40 (before the explorer) with events, on a server that builds these indexes in parallel —
        // as stock PostgreSQL does for a store of more than about 8 MB (here forced for a small one)
        String without = storeBeforeTheExplorer("explorer_upgrade_plain");
        assertThatThrownBy(() -> migrations(without).load().migrate())
                .hasStackTraceContaining("cannot start subtransactions during a parallel operation");

        String with = storeBeforeTheExplorer("explorer_upgrade_serial");
        migrations(with).callbacks(new SerialIndexBuilds()).load().migrate();
        try (Connection c = DriverManager.getConnection(with, endpoints().postgresUser(),
                endpoints().postgresPassword()); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FILTER (WHERE i.indisvalid), count(*) FROM pg_index i "
                     + "JOIN pg_class c ON c.oid = i.indexrelid WHERE c.relname LIKE 'domainevententry_explorer_%'")) {
            rs.next();
            assertThat(rs.getInt(2)).as("the explorer's indexes").isGreaterThanOrEqualTo(9);
            assertThat(rs.getInt(1)).as("valid ones").isEqualTo(rs.getInt(2));
        }
        try (Connection c = DriverManager.getConnection(endpoints().postgresJdbcUrl(), endpoints().postgresUser(),
                endpoints().postgresPassword()); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE explorer_upgrade_plain WITH (FORCE)");
            s.execute("DROP DATABASE explorer_upgrade_serial WITH (FORCE)");
        }
    }

    /** A fresh database migrated up to the sagas (V40), holding 2,000 events, set to build indexes in parallel. */
    private String storeBeforeTheExplorer(String name) throws SQLException {
        StackEndpoints endpoints = endpoints();
        String url = endpoints.postgresJdbcUrl();
        try (Connection c = DriverManager.getConnection(url, endpoints.postgresUser(), endpoints.postgresPassword());
             Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name);
            s.execute("CREATE DATABASE " + name);
            for (String setting : List.of("max_parallel_maintenance_workers = 2", "min_parallel_table_scan_size = 0",
                    "maintenance_work_mem = '64MB'")) {
                s.execute("ALTER DATABASE " + name + " SET " + setting);
            }
        }
        int slash = url.lastIndexOf('/');
        int query = url.indexOf('?', slash);
        String other = url.substring(0, slash + 1) + name + (query < 0 ? "" : url.substring(query));
        migrations(other).target("40").load().migrate();
        try (Connection c = DriverManager.getConnection(other, endpoints.postgresUser(), endpoints.postgresPassword());
             Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO domainEventEntry (globalIndex, aggregateIdentifier, sequenceNumber, type, "
                    + "eventIdentifier, metaData, payload, payloadType, timeStamp) SELECT i, 'a' || i, 0, 'Asset', "
                    + "'e' || i, convert_to('{\"traceId\":\"t' || i || '\"}', 'UTF8'), "
                    + "convert_to('{\"tenant\":\"a@p.test\",\"by\":\"u@p.test\"}', 'UTF8'), 'x.y$Z', "
                    + "'2026-01-01T00:00:00Z' FROM generate_series(1, 2000) AS i");
            s.execute("ANALYZE domainEventEntry");
        }
        return other;
    }

    /** The store's migrations as the platform runs them (chariot-defaults.yml's Flyway settings). */
    private FluentConfiguration migrations(String url) {
        return Flyway.configure().dataSource(url, endpoints().postgresUser(), endpoints().postgresPassword())
                .locations("classpath:db/migration").outOfOrder(true)
                .configuration(Map.of("flyway.postgresql.transactional.lock", "false"));
    }

    /** Runs the work in a transaction, rolled back, where PostgreSQL plans every query and index build in parallel. */
    private <T> T inParallelMode(ConnectionCallback<T> work) {
        return jdbc.execute((ConnectionCallback<T>) c -> {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("SET LOCAL debug_parallel_query = on");
                s.execute("SET LOCAL max_parallel_maintenance_workers = 2");
                s.execute("SET LOCAL min_parallel_table_scan_size = 0");
                s.execute("SET LOCAL maintenance_work_mem = '64MB'");
                return work.doInConnection(c);
            } finally {
                c.rollback();
                c.setAutoCommit(true);
            }
        });
    }

    /** Both versions of the function, called with the same arguments in the same statement, answer alike. */
    private void assertSameAnswer(String call, Object... arguments) {
        String sql = "SELECT " + call + "::text, " + V50 + "." + call + "::text";
        jdbc.execute((ConnectionCallback<Void>) c -> {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                for (int i = 0; i < arguments.length; i++) {
                    s.setObject(i + 1, arguments[i]);
                    s.setObject(i + 1 + arguments.length, arguments[i]);
                }
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    String now = rs.getString(1);
                    String then = rs.getString(2);
                    assertThat(Objects.equals(now, then)).as("%s with %s: %s, V50 %s", call, describe(arguments),
                            now, then).isTrue();
                }
            } catch (SQLException e) {
                throw new AssertionError(call + " with " + describe(arguments) + " raised", e);
            }
            return null;
        });
    }

    private static String describe(Object[] arguments) {
        List<String> shown = new ArrayList<>();
        for (Object argument : arguments) {
            String text = argument instanceof byte[] bytes ? "0x" + HEX.formatHex(bytes) : String.valueOf(argument);
            shown.add(text.length() > 120 ? text.substring(0, 120) + "…(" + text.length() + ")" : text);
        }
        return String.join(", ", shown);
    }
}
