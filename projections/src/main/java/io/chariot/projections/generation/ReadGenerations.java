package io.chariot.projections.generation;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The read alias: which generation of each read model is live (queries read it, live handlers write it). Kept in
 * PostgreSQL next to the event store so a switch is one atomic update; this instance applies it at once, the others
 * on their next poll ({@code InstanceFollower}).
 */
public class ReadGenerations {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final Map<String, Integer> live = new ConcurrentHashMap<>();

    public ReadGenerations(JdbcTemplate jdbc, TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.tx = tx;
    }

    /** The live generation of a read model; 0 for one never switched. */
    public int live(String model) {
        return live.computeIfAbsent(model, m -> jdbc.query("SELECT live FROM read_model_generation WHERE model = ?",
                rs -> rs.next() ? rs.getInt(1) : 0, m));
    }

    /**
     * Reads every read model's live generation again, for an instance that follows another's switch.
     *
     * @return the live generation of every read model ever switched
     */
    public Map<String, Integer> refresh() {
        Map<String, Integer> current = new java.util.HashMap<>();
        jdbc.query("SELECT model, live FROM read_model_generation", rs -> {
            current.put(rs.getString(1), rs.getInt(2));
        });
        live.putAll(current);
        return current;
    }

    /** The read-model version the live generation was built with; 1 for one never switched. */
    public int version(String model) {
        return jdbc.query("SELECT version FROM read_model_generation WHERE model = ?",
                rs -> rs.next() ? rs.getInt(1) : 1, model);
    }

    /**
     * Reserves a new generation number for a set of read models switched together: higher than any they ever had,
     * so a half-built leftover of a killed build is never mistaken for a fresh one.
     */
    public int allocate(List<String> models) {
        Integer next = tx.execute(status -> {
            for (String model : models) {
                jdbc.update("INSERT INTO read_model_generation (model) VALUES (?) ON CONFLICT (model) DO NOTHING",
                        model);
            }
            int highest = 0;
            for (String model : models) {
                highest = Math.max(highest, jdbc.queryForObject("SELECT greatest(live, highest) FROM "
                        + "read_model_generation WHERE model = ? FOR UPDATE", Integer.class, model));
            }
            int generation = highest + 1;
            for (String model : models) {
                jdbc.update("UPDATE read_model_generation SET highest = ? WHERE model = ?", generation, model);
            }
            return generation;
        });
        return next == null ? 1 : next;
    }

    /**
     * Switches the read alias of the models to a generation, all in one transaction, recording each model's own
     * version (models switched together may be at different versions).
     */
    public void switchTo(Map<String, Integer> versionsByModel, int generation) {
        tx.executeWithoutResult(status -> versionsByModel.forEach((model, version) ->
                jdbc.update("INSERT INTO read_model_generation (model, live, highest, version) VALUES (?, ?, ?, ?) "
                        + "ON CONFLICT (model) DO UPDATE SET live = excluded.live, version = excluded.version, "
                        + "highest = greatest(read_model_generation.highest, excluded.highest), switched_at = now()",
                        model, generation, generation, version)));
        versionsByModel.keySet().forEach(m -> live.put(m, generation));
    }
}
