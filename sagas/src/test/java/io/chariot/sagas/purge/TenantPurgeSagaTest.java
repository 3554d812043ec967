package io.chariot.sagas.purge;

import io.chariot.api.account.AccountCommands;
import io.chariot.api.account.AccountCommands.ApiKeyState;
import io.chariot.api.account.AccountCommands.RecordTenantPurge;
import io.chariot.api.account.AccountCommands.RemoveSetting;
import io.chariot.api.account.AccountCommands.RevokeApiKey;
import io.chariot.api.account.AccountCommands.UnlinkIntegration;
import io.chariot.api.account.AccountEvents.TenantPurgeStarted;
import io.chariot.api.asset.AssetCommands.PurgeAsset;
import io.chariot.api.asset.AssetCommands.RemovePreseed;
import io.chariot.api.file.FileCommands.DeleteFile;
import io.chariot.api.job.JobCommands.PurgeJob;
import io.chariot.api.personal.TenantDataKeys;
import io.chariot.api.rejection.Rejected;
import io.chariot.api.risk.RiskCommands.PurgeRisk;
import io.chariot.consistency.failure.TransientFailures;
import io.chariot.sagas.job.RecordingRuntime;
import io.chariot.sagas.runtime.CompensationRequested;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.test.saga.SagaTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tenant purge on Axon's {@link SagaTestFixture}: every kind removed by its context's command, in batches, each
 * step a durable deadline; the data key destroyed (or, without {@link TenantDataKeys}, said not to be); the erasure
 * record written; a refused removal flagged and tried again after the retry delay, going on where it stopped.
 */
class TenantPurgeSagaTest {

    private static final String TENANT = "owner@example.com";
    private static final String PURGE_ID = "p-1";
    private static final String PURGE = AccountCommands.purgeAggregateId(TENANT);
    private static final Instant AT = Instant.parse("2026-01-01T12:00:00Z");
    private static final Instant LONG_AGO = Instant.parse("2025-01-01T00:00:00Z");
    private static final Duration RETRY = Duration.ofMinutes(1);
    private static final TenantPurgeStarted STARTED = new TenantPurgeStarted(TENANT, PURGE_ID, TENANT, AT);

    private static final String JOB = TENANT + "#job#example.com#subdomain";
    private static final String RISK = TENANT + "#risk#example.com#CVE-1";
    private static final String ASSET_1 = TENANT + "#asset#example.com#example.com";
    private static final String ASSET_2 = TENANT + "#asset#example.com#www.example.com";
    private static final String ASSET_3 = TENANT + "#asset#example.com#api.example.com";
    private static final String PRESEED = TENANT + "#preseed#whois+company#Example Co#example co";
    private static final String FILE = TENANT + "#file#reports/q1.pdf";
    private static final String INTEGRATION = TENANT + "#account#" + TENANT + "#github#acme";
    private static final String SETTING = TENANT + "#setting#theme";
    private static final String KEY = "key-1";

    private SagaTestFixture<TenantPurgeSaga> fixture;
    private RecordingRuntime runtime;
    /** The event store as the purge reads it: aggregate type → identifiers. */
    private final Map<String, TreeSet<String>> store = new HashMap<>();
    private final Set<Object> refusedOnce = new HashSet<>();
    private final Set<String> gone = new HashSet<>();
    private final List<String> destroyed = new ArrayList<>();
    private TenantDataKeys keys = new TenantDataKeys() {
        @Override
        public void destroy(String tenant) {
            destroyed.add(tenant);
        }

        @Override
        public boolean destroyed(String tenant) {
            return destroyed.contains(tenant);
        }
    };
    private int batch = 200;

    @BeforeEach
    void setUp() {
        put("Job", JOB);
        put("Risk", RISK);
        put("Asset", ASSET_1, ASSET_2, ASSET_3);
        put("Preseed", PRESEED);
        put("StoredFile", FILE);
        put("Integration", INTEGRATION);
        put("Setting", SETTING);
        put("ApiKey", KEY);
        fixture = new SagaTestFixture<>(TenantPurgeSaga.class);
        runtime = new RecordingRuntime(RecordingRuntime.deadlinesOf(fixture));
        fixture.registerResource(runtime);
        fixture.setCallbackBehavior((command, metaData) -> answer(command));
    }

    /** Registers the workflow once the test has chosen its batch size and data keys. */
    private SagaTestFixture<TenantPurgeSaga> purge() {
        TenantRecords records = (tenant, type, after, limit) -> tenant.equals(TENANT)
                ? store.getOrDefault(type, new TreeSet<>()).tailSet(after == null ? "" : after, false).stream()
                .limit(limit).toList()
                : List.of();
        TenantDataKeys dataKeys = keys;
        fixture.registerResource(new TenantPurging(
                DefaultCommandGateway.builder().commandBus(fixture.getCommandBus()).build(), records,
                () -> dataKeys, new PurgeProperties(batch, RETRY),
                new TransientFailures(List.of(TransientFailures.GENERIC)), Clock.fixed(AT, ZoneOffset.UTC)));
        return fixture;
    }

    private void put(String type, String... ids) {
        store.computeIfAbsent(type, t -> new TreeSet<>()).addAll(List.of(ids));
    }

    private Object answer(Object command) {
        if (refusedOnce.remove(command)) {
            throw Rejected.conflict("asset context refused " + command.getClass().getSimpleName());
        }
        if (command instanceof DeleteFile d && gone.contains(d.fileId())
            || command instanceof RemovePreseed r && gone.contains(r.preseedId())) {
            throw Rejected.notFound("not found");
        }
        if (command instanceof PurgeJob || command instanceof PurgeRisk || command instanceof PurgeAsset) {
            // purged now, unless an earlier purge did it
            return !gone.contains(idOf(command));
        }
        if (command instanceof RevokeApiKey r) {
            return new ApiKeyState(r.keyId(), TENANT, "k", "admin", LONG_AGO, TENANT, null, "D",
                    gone.contains(r.keyId()) ? LONG_AGO : AT, "chariot");
        }
        return null;
    }

    private static String idOf(Object command) {
        return command instanceof PurgeJob j ? j.jobId()
                : command instanceof PurgeRisk r ? r.riskId() : ((PurgeAsset) command).assetId();
    }

    private static Map<String, Long> removed(long jobs, long risks, long assets, long webpages, long preseeds,
                                             long files, long integrations, long settings, long keys) {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("jobs", jobs);
        m.put("risks", risks);
        m.put("assets", assets);
        m.put("webpages", webpages);
        m.put("preseeds", preseeds);
        m.put("files", files);
        m.put("integrations", integrations);
        m.put("settings", settings);
        m.put("keys", keys);
        return m;
    }

    private static final List<Object> EVERY_REMOVAL = List.of(
            new PurgeJob(JOB, TENANT, "#job#example.com#subdomain", "chariot"),
            new PurgeRisk(RISK, TENANT, "#risk#example.com#CVE-1", "chariot"),
            new PurgeAsset(ASSET_3, TENANT, "#asset#example.com#api.example.com", "chariot"),
            new PurgeAsset(ASSET_1, TENANT, "#asset#example.com#example.com", "chariot"),
            new PurgeAsset(ASSET_2, TENANT, "#asset#example.com#www.example.com", "chariot"),
            new RemovePreseed(PRESEED, TENANT, "#preseed#whois+company#Example Co#example co", "chariot"),
            new DeleteFile(FILE, TENANT, "reports/q1.pdf", "chariot"),
            new UnlinkIntegration(INTEGRATION, TENANT, "github", "acme", "chariot"),
            new RemoveSetting(SETTING, TENANT, "#setting#theme", "chariot"),
            new RevokeApiKey(KEY, TENANT, "chariot"));

    @Test
    void aStartedPurgeOpensAnInstanceAndSchedulesItsFirstStepAtOnceWithoutRemovingAnythingYet() {
        purge().givenNoPriorActivity()
                .whenAggregate(PURGE).publishes(STARTED)
                .expectNoDispatchedCommands()
                .expectScheduledDeadlineWithName(Duration.ZERO, TenantPurging.STEP)
                .expectActiveSagas(1)
                .expectAssociationWith("aggregate", PURGE)
                .expectAssociationWith("purgeId", PURGE_ID);
        assertThat(runtime.begun).containsExactly("tenant-purge " + TENANT + " " + PURGE_ID);
    }

    @Test
    void everyKindIsRemovedByItsContextsCommandThenTheKeyIsDestroyedAndTheErasureRecordWrittenWithTheCounts() {
        List<Object> expected = new ArrayList<>(EVERY_REMOVAL);
        expected.add(RecordTenantPurge.of(TENANT, PURGE_ID, removed(1, 1, 3, 0, 1, 1, 1, 1, 1), true, "chariot"));
        purge().givenAggregate(PURGE).published(STARTED)
                .whenTimeElapses(Duration.ZERO)
                .expectDispatchedCommands(expected.toArray())
                .expectNoScheduledDeadlines()
                .expectActiveSagas(0);
        assertThat(destroyed).containsExactly(TENANT);
        assertThat(runtime.steps).containsSubsequence("jobs removed: 1", "risks removed: 1", "assets removed: 3",
                "files removed: 1", "integrations removed: 1", "settings removed: 1", "keys removed: 1",
                "data key destroyed", "erasure record written");
        assertThat(runtime.states).containsExactly("COMPLETED: purged: jobs 1, risks 1, assets 3, webpages 0, "
                + "preseeds 1, files 1, integrations 1, settings 1, keys 1; data key destroyed");
    }

    @Test
    void aBatchAtATimeEachStepGoesOnAfterTheLastRecordTheStepBeforeHandledAndNothingIsSentTwice() {
        batch = 2;
        List<Object> expected = new ArrayList<>(EVERY_REMOVAL);
        expected.add(RecordTenantPurge.of(TENANT, PURGE_ID, removed(1, 1, 3, 0, 1, 1, 1, 1, 1), true, "chariot"));
        purge().givenAggregate(PURGE).published(STARTED)
                .whenTimeElapses(Duration.ZERO)
                .expectDispatchedCommands(expected.toArray())
                .expectActiveSagas(0);
        // ten records, two per step; the step that finds the last kind done destroys the key and writes the record
        assertThat(runtime.steps.stream().filter(s -> s.equals("deadline purge-step fired")).count()).isEqualTo(6);
    }

    @Test
    void recordsAlreadyGoneCountAsNothingAndThePurgeGoesOn() {
        // a purge after a purge: the records are still in the event store, each already removed
        gone.addAll(List.of(JOB, RISK, ASSET_1, ASSET_2, ASSET_3, PRESEED, FILE, KEY));
        purge().givenAggregate(PURGE).published(STARTED)
                .whenTimeElapses(Duration.ZERO)
                .expectActiveSagas(0);
        assertThat(runtime.steps).contains("assets removed: 0", "preseeds removed: 0", "files removed: 0",
                "keys removed: 0");
        assertThat(runtime.states).singleElement().asString().startsWith("COMPLETED: purged: jobs 0, risks 0, "
                + "assets 0, webpages 0, preseeds 0, files 0, integrations 1, settings 1, keys 0;");
    }

    @Test
    void aRemovalAContextRefusesFlagsTheInstanceWithTheReasonAndTheStepIsTriedAgainAfterTheRetryDelay() {
        refusedOnce.add(new PurgeAsset(ASSET_1, TENANT, "#asset#example.com#example.com", "chariot"));
        purge().givenAggregate(PURGE).published(STARTED)
                .whenTimeElapses(Duration.ZERO)
                .expectActiveSagas(1)
                .expectScheduledDeadlineWithName(RETRY, TenantPurging.STEP)
                .expectDispatchedCommands(EVERY_REMOVAL.subList(0, 4).toArray());
        assertThat(runtime.states).containsExactly("FLAGGED: refused, tried again in PT1M: asset context refused "
                + "PurgeAsset");
        assertThat(runtime.steps).doesNotContain("assets removed: 3");
    }

    @Test
    void afterARefusalThePurgeResumesWhereItStoppedAndCompletes() throws Exception {
        refusedOnce.add(new PurgeAsset(ASSET_1, TENANT, "#asset#example.com#example.com", "chariot"));
        List<Object> resumed = new ArrayList<>(EVERY_REMOVAL.subList(3, EVERY_REMOVAL.size()));
        resumed.add(RecordTenantPurge.of(TENANT, PURGE_ID, removed(1, 1, 3, 0, 1, 1, 1, 1, 1), true, "chariot"));
        purge().givenAggregate(PURGE).published(STARTED)
                .andThenTimeElapses(Duration.ZERO)
                .whenTimeElapses(RETRY)
                // the refused asset first (ASSET_3 before it was removed already), then the rest, once each
                .expectDispatchedCommands(resumed.toArray())
                .expectNoScheduledDeadlines()
                .expectActiveSagas(0);
        assertThat(runtime.states).containsExactly(
                "FLAGGED: refused, tried again in PT1M: asset context refused PurgeAsset",
                "COMPLETED: purged: jobs 1, risks 1, assets 3, webpages 0, preseeds 1, files 1, integrations 1, "
                        + "settings 1, keys 1; data key destroyed");
    }

    @Test
    void withoutTenantDataKeysInTheDeploymentThePurgeSaysTheKeyIsNotDestroyedAndCompletes() {
        keys = null;
        purge().givenAggregate(PURGE).published(STARTED)
                .whenTimeElapses(Duration.ZERO)
                .expectActiveSagas(0);
        assertThat(runtime.steps).contains("data key not destroyed: this deployment has no TenantDataKeys");
        assertThat(runtime.states).singleElement().asString().endsWith("; data key not destroyed");
    }

    @Test
    void theStartDeliveredAgainChangesNothing() {
        purge().givenAggregate(PURGE).published(STARTED)
                .whenAggregate(PURGE).publishes(STARTED)
                .expectNoDispatchedCommands()
                .expectActiveSagas(1);
        assertThat(runtime.begun).hasSize(1);
    }

    @Test
    void anOperatorsCompensationIsRefusedAPurgeIsNeverUndoneAndGoesOn() throws Exception {
        purge().givenAggregate(PURGE).published(STARTED)
                .whenPublishingA(new CompensationRequested(RecordingRuntime.SAGA_ID, "wrong tenant", "ops"))
                .expectNoDispatchedCommands()
                .expectActiveSagas(1)
                .expectScheduledDeadlineWithName(Duration.ZERO, TenantPurging.STEP);
        assertThat(runtime.states).containsExactly("FLAGGED: compensation asked by ops (wrong tenant) refused: a "
                + "purge is never undone; it goes on");
    }
}
