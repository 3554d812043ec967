package io.chariot.platform.migration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chariot.infra.local.StackEndpoints;
import io.chariot.migration.mapping.ImportUnit;
import io.chariot.migration.mapping.Planner;
import io.chariot.migration.source.ExportFolder;
import io.chariot.platform.PlatformIntegrationTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.chariot.platform.migration.MigrationSupport.cli;
import static io.chariot.platform.migration.MigrationSupport.count;
import static io.chariot.platform.migration.MigrationSupport.env;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.abort;

/**
 * The shared legacy sample through {@code ./chariot migrate}: a run killed with SIGKILL half-way (a child JVM) and
 * resumed, compared with a clean run into a second event store; a second run; verify through the query API; the
 * plan's counts and the quarantine. The sample is {@code ../shared/legacy-sample} (CI has it).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MigrationSampleIT extends PlatformIntegrationTest {

    private static final String SOURCE = "export:01700000000000-abcdef01";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path work;

    private Path sample;
    private StackEndpoints stack;
    private Map<String, String> env;
    private MigrationSupport.CliRun resumed;

    @BeforeAll
    void importTheSampleWithAKillInTheMiddle() throws Exception {
        sample = MigrationSupport.sample();
        if (sample == null) {
            abort("no legacy sample at " + MigrationSupport.SAMPLE + " (beside the project or its repository)");
        }
        stack = endpoints();
        env = env(stack, null, null);
        Process child = childRun();
        long total = 3847;
        try {
            await().atMost(Duration.ofSeconds(120)).until(() -> !child.isAlive() || imported() >= 200);
            assertThat(child.isAlive()).as("the throttled run is still going when it is killed").isTrue();
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            child.destroyForcibly();
        }
        long atKill = imported();
        assertThat(atKill).as("killed half-way").isBetween(1L, total - 1);
        resumed = cli(env, work, "run", sample.toString(), "--quarantine", work.resolve("q.jsonl").toString());
        assertThat(resumed.exit()).as(resumed.all()).isZero();
    }

    /** {@code migrate run} in a child JVM, throttled so the kill lands in the middle. */
    private Process childRun() throws Exception {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", classpath, "io.chariot.migration.cli.MigrateCli", "--work-dir=" + work, "run",
                sample.toString(), "--max-rate", "250", "--batch-events", "40", "--writers", "1", "--quarantine",
                work.resolve("child-q.jsonl").toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(work.resolve("child.log").toFile());
        builder.environment().putAll(env);
        return builder.start();
    }

    private long imported() throws Exception {
        return count(stack.postgresJdbcUrl(), stack, "SELECT count(*) FROM domainevententry WHERE "
                + "position(convert_to('\"migration\":\"" + SOURCE + "\"', 'UTF8') IN metaData) > 0");
    }

    @Test
    void aRunKilledHalfWayAndResumedStoresWhatACleanRunStores() throws Exception {
        String clean = MigrationSupport.freshDatabase(stack, "migration_clean");
        var run = cli(env(stack, clean, null), work, "run", sample.toString(), "--quarantine",
                work.resolve("clean-q.jsonl").toString());
        assertThat(run.exit()).as(run.all()).isZero();

        List<String> cleanEvents = MigrationSupport.importedEvents(clean, stack, SOURCE);
        List<String> resumedEvents = MigrationSupport.importedEvents(stack.postgresJdbcUrl(), stack, SOURCE);
        assertThat(run.out()).contains("done: " + String.format(java.util.Locale.ROOT, "%,d", cleanEvents.size())
                + " events appended");
        assertThat(resumedEvents).containsExactlyElementsOf(cleanEvents);
        assertThat(resumed.out()).contains("resumed");
        assertThat(Files.readString(work.resolve("q.jsonl"))).isEqualTo(Files.readString(work.resolve("clean-q.jsonl")));
    }

    /**
     * A batch is one COPY of its events and one checkpoint row in one transaction. A trigger fails the COPY at the
     * last unit of a batch in the middle, after the batch's other events went in: none of them stays, every event
     * stored belongs to a recorded batch, and a run without the trigger completes the import as a clean one.
     */
    @Test
    void aBatchWhoseCopyFailsPartWayStoresNoneOfItsEventsAndTheNextRunCompletesTheImport() throws Exception {
        String db = MigrationSupport.freshDatabase(stack, "migration_copy_fails");
        List<ImportUnit> units = Planner.plan(ExportFolder.read(sample)).units;
        // the batches of --batch-events 200: whole units until they hold 200 events
        List<int[]> batches = new ArrayList<>();
        int first = 0;
        int events = 0;
        for (int i = 0; i < units.size(); i++) {
            events += units.get(i).events().size();
            if (events >= 200) {
                batches.add(new int[]{first, i});
                first = i + 1;
                events = 0;
            }
        }
        int[] failing = batches.get(batches.size() / 2);
        assertThat(failing[1]).as("the failing batch has units before the one that fails").isGreaterThan(failing[0]);
        String victim = units.get(failing[1]).aggregateId();
        String before = units.get(failing[0]).aggregateId();
        try (Connection c = DriverManager.getConnection(db, stack.postgresUser(), stack.postgresPassword())) {
            c.createStatement().execute("CREATE FUNCTION fail_import() RETURNS trigger LANGUAGE plpgsql AS "
                    + "$$ BEGIN RAISE EXCEPTION 'the disk is full (a test)'; END $$");
            PreparedStatement trigger = c.prepareStatement("CREATE TRIGGER fail_import BEFORE INSERT ON "
                    + "domainevententry FOR EACH ROW WHEN (NEW.aggregateIdentifier = '" + victim.replace("'", "''")
                    + "') EXECUTE FUNCTION fail_import()");
            trigger.execute();
        }
        Map<String, String> env = env(stack, db, null);
        var failed = cli(env, work, "run", sample.toString(), "--batch-events", "200", "--writers", "1",
                "--quarantine", work.resolve("failed-q.jsonl").toString());
        assertThat(failed.exit()).as(failed.all()).isEqualTo(1);
        assertThat(failed.err()).contains("the disk is full (a test)");
        assertThat(count(db, stack, "SELECT count(*) FROM domainevententry WHERE aggregateIdentifier IN ('"
                + victim.replace("'", "''") + "', '" + before.replace("'", "''") + "')")).isZero();
        long batchesDone = count(db, stack, "SELECT count(*) FROM migration_batch");
        assertThat(batchesDone).as("the batches before the failing one committed").isPositive();
        assertThat(count(db, stack, "SELECT count(*) FROM domainevententry")).as("only recorded batches' events")
                .isEqualTo(count(db, stack, "SELECT coalesce(sum(events), 0) FROM migration_batch"));

        try (Connection c = DriverManager.getConnection(db, stack.postgresUser(), stack.postgresPassword())) {
            c.createStatement().execute("DROP TRIGGER fail_import ON domainevententry");
        }
        var completed = cli(env, work, "run", sample.toString(), "--batch-events", "200", "--quarantine",
                work.resolve("completed-q.jsonl").toString());
        assertThat(completed.exit()).as(completed.all()).isZero();
        assertThat(completed.out()).contains("resumed");
        assertThat(MigrationSupport.importedEvents(db, stack, SOURCE))
                .containsExactlyElementsOf(MigrationSupport.importedEvents(stack.postgresJdbcUrl(), stack, SOURCE));
    }

    @Test
    void importedPersonalDataIsStoredEncryptedAsThePlatformStoresIt() throws Exception {
        String imported = "FROM domainevententry WHERE position(convert_to('\"migration\":\"" + SOURCE
                + "\"', 'UTF8') IN metaData) > 0";
        String by = "convert_from(payload, 'UTF8')::jsonb ->> 'by'";
        assertThat(count(stack.postgresJdbcUrl(), stack, "SELECT count(*) " + imported + " AND " + by
                + " LIKE 'pd1:%'")).as("imported events whose by is encrypted").isPositive();
        assertThat(count(stack.postgresJdbcUrl(), stack, "SELECT count(*) " + imported + " AND " + by + " <> '' AND "
                + by + " NOT LIKE 'pd1:%'")).as("imported events whose by is stored in clear").isZero();
    }

    @Test
    void aSecondRunAppendsNothing() throws Exception {
        long before = imported();
        var again = cli(env, work, "run", sample.toString(), "--quarantine", work.resolve("again.jsonl").toString());
        assertThat(again.exit()).as(again.all()).isZero();
        assertThat(again.out()).contains(": 0 events appended");
        assertThat(imported()).isEqualTo(before);
    }

    @Test
    void verifyFindsEveryImportedRecordThroughTheQueryApi() {
        String[] key = MigrationSupport.operatorKey(commands, OPERATOR);
        var verify = cli(env(stack, null, key), work, "verify", sample.toString(), "--api",
                "http://127.0.0.1:" + port, "--wait", "420");
        assertThat(verify.exit()).as(verify.all()).isZero();
        assertThat(verify.out()).contains("verify: 2,219 matched, 0 mismatched, 0 missing, 5 quarantined");
    }

    @Test
    void anOperatorReadsAnImportedTenantButWritesNothingThere() {
        var operator = clientFor(OPERATOR).as("owner0@tenant0.example.com");
        assertThat(operator.my("#setting#").status()).isEqualTo(200);
        assertThat(operator.put("/asset", "{\"group\":\"x.example\",\"identifier\":\"x.example\"}").status())
                .isEqualTo(403);
        assertThat(newTenant().as("owner0@tenant0.example.com").my("#setting#").status()).isEqualTo(403);
    }

    @Test
    void planCountsTheSampleAndQuarantinesEveryMalformedRecordWithItsReason() throws Exception {
        Path quarantine = work.resolve("plan-q.jsonl");
        var plan = cli(env, work, "plan", sample.toString(), "--quarantine", quarantine.toString());
        assertThat(plan.exit()).as(plan.all()).isZero();
        assertThat(plan.out()).contains("manifests and MD5 checksums match");

        JsonNode expected = JSON.readTree(sample.resolve("expected-counts.json").toFile()).path("counts");
        for (String type : List.of("account", "attribute", "job", "key", "port", "risk", "setting")) {
            assertThat(total(plan.out(), type)).as(type).isEqualTo(expected.path(type).asLong());
        }
        // 600 graph assets (seeds included) are imported; the table's two tenantless asset items are malformed
        assertThat(imported(plan.out(), "asset")).isEqualTo(expected.path("asset").asLong());
        assertThat(total(plan.out(), "relationship")).isEqualTo(expected.path("relationships").asLong());

        // nothing else is left out: no relationship, no part of an imported record
        List<JsonNode> whole = new ArrayList<>();
        for (String line : Files.readAllLines(quarantine)) {
            whole.add(JSON.readTree(line));
        }
        assertThat(whole).hasSize(expected.path("malformed").asInt());
        assertThat(whole).noneMatch(q -> q.path("partial").asBoolean());
        assertThat(whole).extracting(q -> q.path("reason").asText()).containsExactlyInAnyOrder(
                "no tenant (username)", "no tenant (username)", "no key", "no key",
                "legacy type 'unknownthing' has no aggregate on the platform");
        assertThat(whole).allSatisfy(q -> assertThat(q.path("origin").asText()).contains(".json.gz:"));
    }

    /** The "read" column of a type's rows, summed over tenants. */
    private static long total(String report, String type) {
        return column(report, type, 2);
    }

    private static long imported(String report, String type) {
        return column(report, type, 3);
    }

    private static long column(String report, String type, int column) {
        long sum = 0;
        for (String line : report.lines().toList()) {
            String[] parts = line.trim().split("\\s+");
            if (parts.length == 5 && parts[0].equals(type)) {
                sum += Long.parseLong(parts[column].replace(",", ""));
            }
        }
        return sum;
    }
}
