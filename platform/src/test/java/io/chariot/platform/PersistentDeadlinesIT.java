package io.chariot.platform;

import com.fasterxml.jackson.databind.JsonNode;
import io.chariot.api.job.JobCommands;
import io.chariot.job.JobDeadline;
import io.chariot.job.config.JobProperties;
import io.chariot.job.config.PersistentDeadlines;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.config.ConfigurationScopeAwareProvider;
import org.axonframework.modelling.command.AggregateScopeDescriptor;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Job deadlines live in PostgreSQL (Flyway's {@code axon_deadlines}), so a deadline scheduled by one deadline
 * manager fires from another created after it: what a restart (or another instance) does.
 */
class PersistentDeadlinesIT extends PlatformIntegrationTest {

    /** A table of its own (the migrated one's shape), so the platform's running scheduler never picks these rows. */
    private static final String SCRATCH = "axon_deadlines_restart_it";
    private static final String ASSET = "#asset#deadlines.example#10.2.2.2";
    private static final String JOB = "#job#deadlines.example#10.2.2.2#portscan";

    @Autowired
    DataSource dataSource;
    @Autowired
    Configuration axon;
    @Autowired
    Serializer serializer;
    @Autowired
    TransactionManager transactions;
    @Autowired
    JobProperties jobs;

    private PersistentDeadlines before;
    private PersistentDeadlines after;

    @AfterEach
    void dropScratchTable() {
        if (before != null) {
            before.close();
        }
        if (after != null) {
            after.close();
        }
        new JdbcTemplate(dataSource).execute("DROP TABLE IF EXISTS " + SCRATCH);
    }

    private static ChariotClient.Response ok(ChariotClient.Response r) {
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r;
    }

    @Test
    void aClaimedRunsDeadlineIsARowInPostgres() {
        ChariotClient cli = newTenant();
        ok(cli.post("/job", "{\"key\":\"" + ASSET + "\",\"capabilities\":[\"portscan\"]}"));
        ok(cli.post("/job/claim", "{\"key\":\"" + JOB + "\"}"));

        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        Integer pending = jdbc.queryForObject("SELECT count(*) FROM " + PersistentDeadlines.TABLE
                + " WHERE execution_time > now() + interval '30 minutes'", Integer.class);
        assertThat(pending).isPositive();

        // finishing the run cancels it
        Integer rowsBefore = jdbc.queryForObject("SELECT count(*) FROM " + PersistentDeadlines.TABLE, Integer.class);
        ok(cli.post("/job/result", "{\"key\":\"" + JOB + "\",\"status\":\"JP\"}"));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM " + PersistentDeadlines.TABLE, Integer.class))
                .isEqualTo(rowsBefore - 1);
    }

    @Test
    void aDeadlineScheduledBeforeARestartFiresFromTheManagerCreatedAfterIt() {
        ChariotClient cli = newTenant();
        // the first manager schedules the run's deadline, then its instance "dies" before it is due
        scheduleInAManagerThatDies(cli, Instant.now().plusSeconds(2));
        assertThat(new JdbcTemplate(dataSource).queryForObject("SELECT count(*) FROM " + SCRATCH, Integer.class))
                .isEqualTo(1);

        // a new manager over the same table, as after a restart, fires it: the run fails
        after = new PersistentDeadlines(dataSource, SCRATCH, new ConfigurationScopeAwareProvider(axon), serializer,
                transactions, quickPolling());
        after.start();
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
            JsonNode job = ok(cli.my(JOB)).json().get("jobs").get(0);
            assertThat(job.get("status").asText()).startsWith("JF#");
            assertThat(job.get("reason").asText()).isEqualTo("deadline exceeded");
        });
        assertThat(new JdbcTemplate(dataSource).queryForObject("SELECT count(*) FROM " + SCRATCH, Integer.class))
                .isZero();
    }

    @Test
    void aDeadlineWhoseInstanceDiedWhileFiringItFiresAgainFromTheNextManagerWithinTheConfiguredHeartbeats() {
        ChariotClient cli = newTenant();
        scheduleInAManagerThatDies(cli, Instant.now().minusSeconds(1));
        // as db-scheduler leaves a deadline an instance picked and was firing when it died two minutes ago: with
        // db-scheduler's own heartbeat (5 min; dead after 4 missed) it would wait eighteen minutes more
        assertThat(new JdbcTemplate(dataSource).update("UPDATE " + SCRATCH + " SET picked = true, picked_by = "
                + "'a-dead-instance', last_heartbeat = now() - interval '2 minutes'")).isEqualTo(1);

        // the next manager, with the platform's heartbeat (15 s: dead after a minute), takes it as dead and fires it
        after = new PersistentDeadlines(dataSource, SCRATCH, new ConfigurationScopeAwareProvider(axon), serializer,
                transactions, quickPolling());
        after.start();
        await().atMost(Duration.ofSeconds(90)).ignoreExceptions().untilAsserted(() -> {
            JsonNode job = ok(cli.my(JOB)).json().get("jobs").get(0);
            assertThat(job.get("status").asText()).startsWith("JF#");
            assertThat(job.get("reason").asText()).isEqualTo("deadline exceeded");
        });
    }

    /**
     * Claims the tenant's job with a long timeout (the platform's own deadline for the run is far away), then has a
     * manager over the scratch table schedule the run's deadline for {@code due} and stop, as an instance that dies.
     */
    private void scheduleInAManagerThatDies(ChariotClient cli, Instant due) {
        new JdbcTemplate(dataSource).execute("CREATE TABLE " + SCRATCH + " (LIKE " + PersistentDeadlines.TABLE
                + " INCLUDING ALL)");
        ok(cli.post("/job", "{\"key\":\"" + ASSET + "\",\"capabilities\":[\"portscan\"],"
                + "\"config\":{\"timeout_seconds\":3600,\"retries\":0}}"));
        JsonNode claimed = ok(cli.post("/job/claim", "{\"key\":\"" + JOB + "\"}")).json();
        Instant started = Instant.parse(claimed.get("started").asText());
        before = new PersistentDeadlines(dataSource, SCRATCH, new ConfigurationScopeAwareProvider(axon), serializer,
                transactions, quickPolling());
        before.manager().schedule(due, "job-deadline", new JobDeadline(JOB, started),
                new AggregateScopeDescriptor("Job", JobCommands.aggregateId(cli.tenant, JOB)));
        before.close();
    }

    /** The platform's deadline settings, polling more often (a test should not wait a second per poll). */
    private JobProperties.Deadlines quickPolling() {
        JobProperties.Deadlines configured = jobs.deadlines();
        return new JobProperties.Deadlines(Duration.ofMillis(200), 1, configured.heartbeat());
    }
}
