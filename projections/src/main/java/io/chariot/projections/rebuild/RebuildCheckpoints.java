package io.chariot.projections.rebuild;

import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Where a rebuild has got to, in PostgreSQL: written every few thousand events, so a rebuild killed at any point
 * (the process dies, an operator aborts it) continues from its last checkpoint when started again.
 */
public class RebuildCheckpoints {

    public enum Mode { IN_PLACE, BLUE_GREEN }

    /** One rebuild's durable state; {@code position} is the last event-store position fully applied. */
    public record Checkpoint(String projection, List<String> models, Mode mode, int generation, int segments,
                             Long fromPosition, Long position, long head, long eventsDone, String state,
                             Instant startedAt) {

        public boolean unfinished() {
            return "running".equals(state);
        }
    }

    private final JdbcTemplate jdbc;

    public RebuildCheckpoints(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Checkpoint> find(String projection) {
        return jdbc.query("SELECT * FROM projection_rebuild WHERE projection = ?", (rs, i) -> new Checkpoint(
                rs.getString("projection"), Arrays.asList(rs.getString("models").split(",")),
                Mode.valueOf(rs.getString("mode")), rs.getInt("generation"), rs.getInt("segments"),
                (Long) rs.getObject("from_position"), (Long) rs.getObject("position"), rs.getLong("head"),
                rs.getLong("events_done"), rs.getString("state"), rs.getTimestamp("started_at").toInstant()),
                projection).stream().findFirst();
    }

    public void begin(Checkpoint c) {
        jdbc.update("INSERT INTO projection_rebuild (projection, models, mode, generation, segments, from_position, "
                        + "position, head, events_done, state, started_at, updated_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'running', ?, now()) ON CONFLICT (projection) DO UPDATE SET "
                        + "models = excluded.models, mode = excluded.mode, generation = excluded.generation, "
                        + "segments = excluded.segments, from_position = excluded.from_position, "
                        + "position = excluded.position, head = excluded.head, events_done = excluded.events_done, "
                        + "state = 'running', started_at = excluded.started_at, updated_at = now(), error = NULL",
                c.projection(), String.join(",", c.models()), c.mode().name(), c.generation(), c.segments(),
                c.fromPosition(), c.position(), c.head(), c.eventsDone(), Timestamp.from(c.startedAt()));
    }

    public void advance(String projection, long position, long eventsDone) {
        jdbc.update("UPDATE projection_rebuild SET position = ?, events_done = ?, updated_at = now() "
                + "WHERE projection = ?", position, eventsDone, projection);
    }

    public void head(String projection, long head) {
        jdbc.update("UPDATE projection_rebuild SET head = ? WHERE projection = ?", head, projection);
    }

    public void finish(String projection, String state, String error) {
        jdbc.update("UPDATE projection_rebuild SET state = ?, error = ?, updated_at = now() WHERE projection = ?",
                state, error, projection);
    }
}
