package io.chariot.runtime.eventstore;

import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.springframework.stereotype.Component;

import java.sql.SQLException;
import java.sql.Statement;

/**
 * Builds the explorer's indexes (V51) without parallel workers. V50 declared its JSON-member function parallel-safe
 * although its exception handler opens a subtransaction, which PostgreSQL refuses in parallel mode; V52 corrects the
 * declaration, but runs after V51. So on a store migrated from before V50 that holds more than about 8 MB of events
 * (where PostgreSQL builds an index in parallel) V51 would fail with "cannot start subtransactions during a
 * parallel operation". Applied migrations cannot be edited (Flyway checks their checksums), hence this callback:
 * V51's session builds serially, and gets PostgreSQL's setting back afterwards, whatever the outcome.
 */
@Component
public class SerialIndexBuilds implements Callback {

    static final MigrationVersion EXPLORER_INDEXES = MigrationVersion.fromVersion("51");

    @Override
    public boolean supports(Event event, Context context) {
        return event == Event.BEFORE_EACH_MIGRATE || event == Event.AFTER_EACH_MIGRATE
                || event == Event.AFTER_EACH_MIGRATE_ERROR;
    }

    @Override
    public boolean canHandleInTransaction(Event event, Context context) {
        return true;
    }

    @Override
    public void handle(Event event, Context context) {
        if (context.getMigrationInfo() == null
                || !EXPLORER_INDEXES.equals(context.getMigrationInfo().getVersion())) {
            return;
        }
        String sql = event == Event.BEFORE_EACH_MIGRATE ? "SET max_parallel_maintenance_workers = 0"
                : "RESET max_parallel_maintenance_workers";
        try (Statement statement = context.getConnection().createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("could not " + sql.toLowerCase() + " around the explorer's indexes", e);
        }
    }

    @Override
    public String getCallbackName() {
        return "serial-index-builds";
    }
}
