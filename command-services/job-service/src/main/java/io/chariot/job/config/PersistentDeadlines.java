package io.chariot.job.config;

import com.github.kagkarlsson.scheduler.Scheduler;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineManager;
import org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineManagerSupplier;
import org.axonframework.messaging.ScopeAwareProvider;
import org.axonframework.serialization.Serializer;

import javax.sql.DataSource;

/**
 * Deadlines that survive a restart: Axon's {@link DbSchedulerDeadlineManager} over a db-scheduler
 * {@link Scheduler} whose table ({@value #TABLE}, Flyway {@code V4__axon_deadlines.sql}) lives in the event store's
 * PostgreSQL. A deadline is a row until it fires, so a run's timeout still fails it after the instance that
 * scheduled it died; with several instances, each row is picked by exactly one of them (db-scheduler's optimistic
 * pick with a version column). A deadline whose instance died while firing it counts as dead after four missed
 * heartbeats (4 × {@code chariot.jobs.deadlines.heartbeat}, a minute by default) and fires again from a live one.
 * <p>
 * The scheduler starts once the application is ready (not while Axon is still wiring aggregates) and stops with it.
 */
public final class PersistentDeadlines implements AutoCloseable {

    public static final String TABLE = "axon_deadlines";

    private final Scheduler scheduler;
    private final DbSchedulerDeadlineManager manager;

    public PersistentDeadlines(DataSource dataSource, String table, ScopeAwareProvider scopes, Serializer serializer,
                               TransactionManager transactions, JobProperties.Deadlines settings) {
        // the task needs the manager and the manager the scheduler: the supplier closes the loop
        DbSchedulerDeadlineManagerSupplier supplier = new DbSchedulerDeadlineManagerSupplier();
        this.scheduler = Scheduler.create(dataSource, DbSchedulerDeadlineManager.binaryTask(supplier))
                .tableName(table)
                .pollingInterval(settings.pollingInterval())
                .threads(settings.threads())
                // a deadline whose instance died while firing it fires again after four missed heartbeats
                .heartbeatInterval(settings.heartbeat())
                .build();
        this.manager = DbSchedulerDeadlineManager.builder()
                .scheduler(scheduler)
                .scopeAwareProvider(scopes)
                .serializer(serializer)
                .transactionManager(transactions)
                .startScheduler(true)
                .stopScheduler(true)
                .build();
        supplier.set(manager);
    }

    public DbSchedulerDeadlineManager manager() {
        return manager;
    }

    /** Starts polling for due deadlines (idempotent). */
    public synchronized void start() {
        if (!scheduler.getSchedulerState().isStarted()) {
            manager.start();
        }
    }

    /** Stops polling; pending deadlines stay in the table for the next instance. */
    @Override
    public synchronized void close() {
        if (scheduler.getSchedulerState().isStarted() && !scheduler.getSchedulerState().isShuttingDown()) {
            manager.shutdown();
        }
    }
}
