package io.chariot.sagas.runtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The operator's record of every saga instance (table {@code saga_instance}, Flyway V40). Writes join the caller's
 * transaction — the saga processor's — so the record and the saga's own state commit or roll back together.
 */
public final class SagaJournal {

    private static final TypeReference<Map<String, String>> STRINGS = new TypeReference<>() {
    };
    private static final TypeReference<List<String>> LIST = new TypeReference<>() {
    };
    private static final TypeReference<Map<String, Instant>> INSTANTS = new TypeReference<>() {
    };
    private static final String COLUMNS = "saga_id, saga_type, tenant, subject, state, reason, associations::text, "
            + "steps::text, compensations::text, deadlines::text, started_at, updated_at";

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final Clock clock;

    public SagaJournal(JdbcTemplate jdbc, ObjectMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    public void begin(String sagaId, String type, String tenant, String subject, Map<String, String> associations) {
        Timestamp now = now();
        jdbc.update("INSERT INTO saga_instance (saga_id, saga_type, tenant, subject, state, associations, started_at, "
                        + "updated_at) VALUES (?, ?, ?, ?, ?, ?::jsonb, ?, ?) ON CONFLICT (saga_id) DO NOTHING",
                sagaId, type, tenant, subject, SagaState.RUNNING.name(), write(associations), now, now);
    }

    public void associate(String sagaId, String key, String value) {
        jdbc.update("UPDATE saga_instance SET associations = associations || jsonb_build_object(?::text, ?::text), "
                + "updated_at = ? WHERE saga_id = ?", key, value, now(), sagaId);
    }

    /** Appends a step (a step already recorded is not recorded twice: a retried handler may report it again). */
    public void stepDone(String sagaId, String step) {
        append("steps", sagaId, step);
    }

    public void compensated(String sagaId, String step) {
        append("compensations", sagaId, step);
    }

    private void append(String column, String sagaId, String entry) {
        jdbc.update("UPDATE saga_instance SET " + column + " = " + column + " || to_jsonb(?::text), updated_at = ? "
                + "WHERE saga_id = ? AND NOT " + column + " @> to_jsonb(ARRAY[?::text])", entry, now(), sagaId, entry);
    }

    public void state(String sagaId, SagaState state, String reason) {
        jdbc.update("UPDATE saga_instance SET state = ?, reason = COALESCE(?, reason), updated_at = ? "
                + "WHERE saga_id = ?", state.name(), reason, now(), sagaId);
    }

    public void deadline(String sagaId, String name, Instant due) {
        jdbc.update("UPDATE saga_instance SET deadlines = deadlines || jsonb_build_object(?::text, ?::text), "
                + "updated_at = ? WHERE saga_id = ?", name, due.toString(), now(), sagaId);
    }

    public void deadlineGone(String sagaId, String name) {
        jdbc.update("UPDATE saga_instance SET deadlines = deadlines - ?::text, updated_at = ? WHERE saga_id = ?",
                name, now(), sagaId);
    }

    public Optional<SagaInstance> find(String sagaId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM saga_instance WHERE saga_id = ?", mapper(), sagaId).stream()
                .findFirst();
    }

    /** The newest instances first; {@code type}, {@code state} and {@code tenant} filter when not null. */
    public List<SagaInstance> list(String type, SagaState state, String tenant, int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM saga_instance WHERE TRUE");
        List<Object> args = new ArrayList<>();
        if (type != null) {
            sql.append(" AND saga_type = ?");
            args.add(type);
        }
        if (state != null) {
            sql.append(" AND state = ?");
            args.add(state.name());
        }
        if (tenant != null) {
            sql.append(" AND tenant = ?");
            args.add(tenant);
        }
        sql.append(" ORDER BY updated_at DESC, saga_id LIMIT ?");
        args.add(limit);
        return jdbc.query(sql.toString(), mapper(), args.toArray());
    }

    /**
     * How many instances each type has in each state, types in name order; a state without instances is absent.
     * One grouped count over the journal: the operations page and the {@code chariot_sagas} gauges read it.
     */
    public Map<String, Map<SagaState, Long>> counts() {
        Map<String, Map<SagaState, Long>> counts = new TreeMap<>();
        jdbc.query("SELECT saga_type, state, count(*) FROM saga_instance GROUP BY saga_type, state", rs -> {
            counts.computeIfAbsent(rs.getString(1), type -> new EnumMap<>(SagaState.class))
                    .put(SagaState.valueOf(rs.getString(2)), rs.getLong(3));
        });
        return counts;
    }

    private RowMapper<SagaInstance> mapper() {
        return (rs, row) -> new SagaInstance(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                SagaState.valueOf(rs.getString(5)), rs.getString(6), read(rs.getString(7), STRINGS),
                read(rs.getString(8), LIST), read(rs.getString(9), LIST), read(rs.getString(10), INSTANTS),
                rs.getTimestamp(11).toInstant(), rs.getTimestamp(12).toInstant(), 0);
    }

    private Timestamp now() {
        return Timestamp.from(clock.instant());
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private <T> T read(String text, TypeReference<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
