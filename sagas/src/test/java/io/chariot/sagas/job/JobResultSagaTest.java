package io.chariot.sagas.job;

import io.chariot.api.asset.AssetCommands.AddAttribute;
import io.chariot.api.asset.AssetCommands.AddPort;
import io.chariot.api.asset.AssetCommands.AssetState;
import io.chariot.api.asset.AssetCommands.AttributeState;
import io.chariot.api.asset.AssetCommands.DeleteAsset;
import io.chariot.api.asset.AssetCommands.PortState;
import io.chariot.api.asset.AssetCommands.RemoveAttribute;
import io.chariot.api.asset.AssetCommands.UpsertAsset;
import io.chariot.api.job.JobCommands;
import io.chariot.api.job.JobCommands.CancelJob;
import io.chariot.api.job.JobCommands.JobState;
import io.chariot.api.job.JobCommands.QueueJob;
import io.chariot.api.job.JobCommands.RejectResult;
import io.chariot.api.job.JobEvents.JobFinished;
import io.chariot.api.job.JobResults;
import io.chariot.api.risk.RiskCommands.AddRisk;
import io.chariot.api.risk.RiskCommands.DeleteRisk;
import io.chariot.api.risk.RiskCommands.RiskState;
import io.chariot.consistency.failure.TransientFailures;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.saga.SagaTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The job-result saga on Axon's {@link SagaTestFixture}: which commands a passed run's items become, in which order;
 * what a rejected step undoes; what a failing compensation leaves for a retry.
 */
class JobResultSagaTest {

    private static final String TENANT = "user@example.com";
    private static final String ASSET = "#asset#example.com#1.2.3.4";
    private static final String NEW_ASSET = "#asset#example.com#www.example.com";
    private static final String JOB = "#job#example.com#1.2.3.4#http-probe";
    private static final String AGGREGATE = JobCommands.aggregateId(TENANT, JOB);
    private static final String ATTRIBUTE = "#attribute#http_status#200" + ASSET;
    private static final String PORT = "#port#tcp#80" + ASSET;
    private static final String RISK = "#risk#example.com#directory-listing";
    /** When the run finished; the clock the saga reads stands here too. */
    private static final Instant AT = Instant.parse("2025-06-01T12:00:00Z");
    private static final Instant LONG_AGO = Instant.parse("2024-01-01T00:00:00Z");

    private SagaTestFixture<JobResultSaga> fixture;
    private RecordingRuntime runtime;
    /** Command types the contexts reject, and those whose facts existed before the run. */
    private final Set<Class<?>> rejected = new HashSet<>();
    private final Set<Class<?>> existing = new HashSet<>();
    private final Set<Object> rejectedCommands = new HashSet<>();
    private boolean assetUnknown;

    @BeforeEach
    void setUp() {
        fixture = new SagaTestFixture<>(JobResultSaga.class);
        runtime = new RecordingRuntime();
        fixture.registerResource(runtime);
        fixture.registerResource(new JobResultIngestion(
                DefaultCommandGateway.builder().commandBus(fixture.getCommandBus()).build(),
                new TransientFailures(List.of()), Clock.fixed(AT, ZoneOffset.UTC)));
        fixture.setCallbackBehavior((command, metaData) -> answer(command));
    }

    /** What each context answers: the fact's state, created now unless it existed; or a rejection. */
    private Object answer(Object command) {
        if (rejected.contains(command.getClass()) || rejectedCommands.contains(command)) {
            throw new IllegalStateException(command.getClass().getSimpleName() + " rejected: the target is deleted");
        }
        Instant created = existing.contains(command.getClass()) ? LONG_AGO : AT;
        if (command instanceof UpsertAsset u) {
            assetUnknown = false;
            String key = "#asset#" + u.dns() + "#" + u.name();
            return new AssetState(key, u.dns(), u.name(), "ip", false, "A", "self", null, List.of(), created, AT, AT,
                    0);
        }
        if (command instanceof AddAttribute a) {
            if (assetUnknown) {
                throw new AggregateNotFoundException(a.assetId(), "no asset " + a.assetKey());
            }
            return new AttributeState("#attribute#" + a.name() + "#" + a.value() + a.assetKey(), a.assetKey(),
                    a.name(), a.value(), a.capability(), created, 0);
        }
        if (command instanceof AddPort p) {
            return new PortState("#port#" + p.protocol() + "#" + p.port() + p.assetKey(), created);
        }
        if (command instanceof QueueJob q) {
            return new JobState(q.key(), q.dns(), q.identifier(), q.capability(), q.target(), "JQ", created, created,
                    null, null, q.config(), q.credentialIds(), q.retries(), null, null, q.parent(), q.origin(), null);
        }
        if (command instanceof AddRisk r) {
            return new RiskState(RISK, r.dns(), r.name(), r.title(), r.source(), "TM", 0, created, AT, AT, 0, null,
                    List.of(), List.of(), List.of(r.target()), List.of());
        }
        return null;
    }

    private static JobFinished passed(JobResults.Items items) {
        return new JobFinished(TENANT, JOB, "JP", null, items, JOB, "worker@example.com", AT);
    }

    private static JobResults.Items everyKind() {
        return new JobResults.Items(
                List.of(new JobResults.AssetItem("example.com", "www.example.com", null)),
                List.of(new JobResults.AttributeItem(ASSET, "http_status", "200")),
                List.of(new JobResults.PortItem(ASSET, "tcp", 80, "http")),
                List.of(new JobResults.RiskItem(ATTRIBUTE, null, "directory-listing", "TM", "Directory listing",
                        "Index of /")),
                List.of(new JobResults.ChildJob(NEW_ASSET, "portscan", Map.of(), 1, 3600)));
    }

    private static final UpsertAsset UPSERT = UpsertAsset.of(TENANT, "example.com", "www.example.com", null, null, null,
            null, "http-probe");
    private static final AddAttribute ADD_ATTRIBUTE = AddAttribute.of(TENANT, ASSET, "http_status", "200",
            "http-probe", "http-probe");
    private static final AddPort ADD_PORT = AddPort.of(TENANT, ASSET, "tcp", 80, "http", "http-probe", "http-probe");
    private static final AddRisk ADD_RISK = AddRisk.of(TENANT, ATTRIBUTE, null, "directory-listing", "TM",
            "Directory listing", "Index of /", "http-probe", List.of(), "http-probe");
    private static final String UNDONE = "undone: result of " + JOB + " not applied";

    @Test
    void aPassedRunsItemsBecomeCommandsOfTheirContextsInDependencyOrderAndTheInstanceCompletes() {
        fixture.givenNoPriorActivity()
                .whenAggregate(AGGREGATE).publishes(passed(everyKind()))
                .expectDispatchedCommands(UPSERT, ADD_ATTRIBUTE, ADD_PORT, ADD_RISK,
                        QueueJob.child(TENANT, NEW_ASSET, "portscan", Map.of(), List.of(), 1, 3600, JOB, JOB,
                                "http-probe"))
                .expectActiveSagas(0);
        assertThat(runtime.begun).containsExactly("job-result " + TENANT + " " + JOB);
        assertThat(runtime.steps).containsExactly("asset " + NEW_ASSET, "attribute " + ATTRIBUTE, "port " + PORT,
                "risk " + RISK, "job portscan on " + NEW_ASSET);
        assertThat(runtime.states).containsExactly("COMPLETED");
    }

    @Test
    void aRejectedStepUndoesWhatTheResultCreatedNewestFirstAndFailsTheRunWithTheReason() {
        rejected.add(QueueJob.class);
        String reason = "result not applied: job portscan on " + NEW_ASSET
                + ": QueueJob rejected: the target is deleted";
        fixture.givenNoPriorActivity()
                .whenAggregate(AGGREGATE).publishes(passed(everyKind()))
                .expectDispatchedCommands(UPSERT, ADD_ATTRIBUTE, ADD_PORT, ADD_RISK,
                        QueueJob.child(TENANT, NEW_ASSET, "portscan", Map.of(), List.of(), 1, 3600, JOB, JOB,
                                "http-probe"),
                        DeleteRisk.of(TENANT, RISK, null, UNDONE, "chariot"),
                        io.chariot.api.asset.AssetCommands.RemovePort.of(TENANT, PORT, "chariot"),
                        RemoveAttribute.of(TENANT, ATTRIBUTE, "chariot"),
                        DeleteAsset.of(TENANT, NEW_ASSET, UNDONE, "chariot"),
                        RejectResult.of(TENANT, JOB, AT, reason, "chariot"))
                .expectActiveSagas(0);
        assertThat(runtime.compensations).containsExactly("risk " + RISK, "port " + PORT, "attribute " + ATTRIBUTE,
                "asset " + NEW_ASSET);
        assertThat(runtime.states).containsExactly("COMPENSATING: " + reason, "COMPENSATED: " + reason);
    }

    @Test
    void aChildJobTheRunQueuedIsCancelledWhenALaterChildJobIsRejectedAndOneAlreadyQueuedIsLeftAlone() {
        QueueJob first = QueueJob.child(TENANT, NEW_ASSET, "portscan", Map.of(), List.of(), 1, 3600, JOB, JOB,
                "http-probe");
        QueueJob second = QueueJob.child(TENANT, NEW_ASSET, "nuclei", Map.of(), List.of(), 1, 3600, JOB, JOB,
                "http-probe");
        rejectedCommands.add(second);
        var items = new JobResults.Items(List.of(), List.of(), List.of(), List.of(), List.of(
                new JobResults.ChildJob(NEW_ASSET, "portscan", Map.of(), 1, 3600),
                new JobResults.ChildJob(NEW_ASSET, "nuclei", Map.of(), 1, 3600)));
        String reason = "result not applied: job nuclei on " + NEW_ASSET + ": QueueJob rejected: the target is deleted";

        fixture.givenNoPriorActivity()
                .whenAggregate(AGGREGATE).publishes(passed(items))
                .expectDispatchedCommands(first, second, CancelJob.of(TENANT, first.key(), UNDONE, "chariot"),
                        RejectResult.of(TENANT, JOB, AT, reason, "chariot"))
                .expectActiveSagas(0);
        assertThat(runtime.compensations).containsExactly("job portscan on " + NEW_ASSET);

        // the same result when the first job was already queued (by someone else): nothing to cancel
        setUp();
        existing.add(QueueJob.class);
        rejectedCommands.add(second);
        fixture.givenNoPriorActivity()
                .whenAggregate(AGGREGATE).publishes(passed(items))
                .expectDispatchedCommands(first, second, RejectResult.of(TENANT, JOB, AT, reason, "chariot"))
                .expectActiveSagas(0);
        assertThat(runtime.compensations).isEmpty();
    }

    @Test
    void factsThatExistedBeforeTheRunAreSeenAgainNotUndone() {
        existing.add(UpsertAsset.class);
        existing.add(AddPort.class);
        existing.add(AddRisk.class);
        rejected.add(QueueJob.class);
        fixture.givenNoPriorActivity()
                .whenAggregate(AGGREGATE).publishes(passed(everyKind()))
                .expectActiveSagas(0);
        // only the attribute was new: it is the only fact undone
        assertThat(runtime.compensations).containsExactly("attribute " + ATTRIBUTE);
    }

    @Test
    void anAttributeOnAnAssetNotKnownYetDiscoversTheAssetAndARejectionUndoesBoth() {
        assetUnknown = true;
        rejected.add(AddRisk.class);
        var items = new JobResults.Items(List.of(), List.of(new JobResults.AttributeItem(ASSET, "http_status", "200")),
                List.of(), List.of(new JobResults.RiskItem(ATTRIBUTE, null, "directory-listing", "TM", null, null)),
                List.of());
        fixture.givenNoPriorActivity()
                .whenAggregate(AGGREGATE).publishes(passed(items))
                .expectActiveSagas(0);
        assertThat(runtime.steps).containsExactly("asset " + ASSET, "attribute " + ATTRIBUTE);
        assertThat(runtime.compensations).containsExactly("attribute " + ATTRIBUTE, "asset " + ASSET);
    }

    @Test
    void aRunWithoutItemsOrAFailedRunStartsNothingAndLeavesNoRecord() {
        fixture.givenNoPriorActivity()
                .whenAggregate(AGGREGATE).publishes(passed(JobResults.EMPTY))
                .expectNoDispatchedCommands()
                .expectActiveSagas(0);
        fixture.givenNoPriorActivity()
                .whenAggregate(AGGREGATE).publishes(new JobFinished(TENANT, JOB, "JF", "boom", everyKind(), JOB,
                        "worker@example.com", AT))
                .expectNoDispatchedCommands()
                .expectActiveSagas(0);
        assertThat(runtime.begun).isEmpty();
    }

    @Test
    void aCompensationThatFailsKeepsTheInstanceAndARetryResumesUndoingWithoutRepeatingWhatWasUndone() {
        rejected.add(AddRisk.class);
        rejected.add(DeleteAsset.class);
        // what the application's parking does: the failure is kept aside, the instance stays as it is
        fixture.registerListenerInvocationErrorHandler((failure, event, saga) -> {
        });
        var items = new JobResults.Items(List.of(new JobResults.AssetItem("example.com", "www.example.com", null)),
                List.of(new JobResults.AttributeItem(ASSET, "http_status", "200")), List.of(),
                List.of(new JobResults.RiskItem(ATTRIBUTE, null, "directory-listing", "TM", null, null)), List.of());
        fixture.givenNoPriorActivity()
                .whenAggregate(AGGREGATE).publishes(passed(items))
                .expectActiveSagas(1)
                .expectAssociationWith("aggregate", AGGREGATE);
        assertThat(runtime.compensations).containsExactly("attribute " + ATTRIBUTE);

        // the operator fixed the cause and retries: the same event again
        rejected.remove(DeleteAsset.class);
        String reason = "result not applied: risk directory-listing on " + ATTRIBUTE
                + ": AddRisk rejected: the target is deleted";
        fixture.givenAggregate(AGGREGATE).published()
                .whenAggregate(AGGREGATE).publishes(passed(items))
                .expectDispatchedCommands(DeleteAsset.of(TENANT, NEW_ASSET, UNDONE, "chariot"),
                        RejectResult.of(TENANT, JOB, AT, reason, "chariot"))
                .expectActiveSagas(0);
        assertThat(runtime.compensations).containsExactly("attribute " + ATTRIBUTE, "asset " + NEW_ASSET);
    }

    @Test
    void anOperatorCompensatesAParkedInstanceOnPurposeAndItUndoesWhatWasLeftAndFailsTheRunOnce() {
        rejected.add(AddRisk.class);
        rejected.add(DeleteAsset.class);
        fixture.registerListenerInvocationErrorHandler((failure, event, saga) -> {
        });
        var items = new JobResults.Items(List.of(new JobResults.AssetItem("example.com", "www.example.com", null)),
                List.of(), List.of(),
                List.of(new JobResults.RiskItem(ATTRIBUTE, null, "directory-listing", "TM", null, null)), List.of());
        fixture.givenNoPriorActivity()
                .whenAggregate(AGGREGATE).publishes(passed(items))
                .expectActiveSagas(1);

        rejected.remove(DeleteAsset.class);
        String reason = "result not applied: risk directory-listing on " + ATTRIBUTE
                + ": AddRisk rejected: the target is deleted";
        fixture.givenAggregate(AGGREGATE).published()
                .whenPublishingA(new io.chariot.sagas.runtime.CompensationRequested(RecordingRuntime.SAGA_ID,
                        "asset list cleaned by hand", "ops@chariot.test"))
                .expectDispatchedCommands(DeleteAsset.of(TENANT, NEW_ASSET, UNDONE, "chariot"),
                        RejectResult.of(TENANT, JOB, AT, reason, "chariot"))
                .expectActiveSagas(0);
        assertThat(runtime.states).last().isEqualTo("COMPENSATED: " + reason);
    }

    @Test
    void anOperatorsCompensationOfAnInstanceStillApplyingStopsItAndFailsTheRunWithTheOperatorsReason() {
        var progress = new JobResultIngestion.Progress();
        progress.run = AT;
        progress.tenant = TENANT;
        progress.key = JOB;
        progress.done.add(new JobResultIngestion.Done("asset 0", "asset " + NEW_ASSET, "asset", NEW_ASSET));
        var quiet = new RecordingRuntime(false);
        var sent = new java.util.ArrayList<Object>();
        fixture.setCallbackBehavior((command, metaData) -> {
            sent.add(command);
            return null;
        });
        new JobResultIngestion(DefaultCommandGateway.builder().commandBus(fixture.getCommandBus()).build(),
                new TransientFailures(List.of()), Clock.fixed(AT, ZoneOffset.UTC))
                .compensate(new io.chariot.sagas.runtime.CompensationRequested("s", "stuck", "ops@x"), progress, quiet);

        String reason = "result not applied: compensation requested by ops@x: stuck";
        assertThat(sent).containsExactly(DeleteAsset.of(TENANT, NEW_ASSET, UNDONE, "chariot"),
                RejectResult.of(TENANT, JOB, AT, reason, "chariot"));
        assertThat(quiet.states).containsExactly("COMPENSATING: " + reason, "COMPENSATED: " + reason);
    }

    @Test
    void aTransientFailureIsThrownForTheMachineryToRetryAndTheRetrySkipsTheStepsDone() {
        var progress = new JobResultIngestion.Progress();
        var failing = new boolean[]{true};
        var sent = new java.util.ArrayList<Object>();
        fixture.setCallbackBehavior((command, metaData) -> {
            sent.add(command);
            if (command instanceof AddAttribute && failing[0]) {
                throw new UncheckedIOException(new IOException("connection refused"));
            }
            return answer(command);
        });
        var ingestion = new JobResultIngestion(DefaultCommandGateway.builder().commandBus(fixture.getCommandBus())
                .build(), new TransientFailures(List.of()), Clock.fixed(AT, ZoneOffset.UTC));
        var items = new JobResults.Items(List.of(new JobResults.AssetItem("example.com", "www.example.com", null)),
                List.of(new JobResults.AttributeItem(ASSET, "http_status", "200")), List.of(), List.of(), List.of());
        var quiet = new RecordingRuntime(false);

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ingestion.on(passed(items), progress, quiet))
                .isInstanceOf(UncheckedIOException.class);
        failing[0] = false;
        ingestion.on(passed(items), progress, quiet);

        assertThat(sent).containsExactly(UPSERT, ADD_ATTRIBUTE, ADD_ATTRIBUTE);
        assertThat(quiet.states).containsExactly("COMPLETED");
        assertThat(quiet.steps).containsExactly("asset " + NEW_ASSET, "attribute " + ATTRIBUTE);
        assertThat(quiet.compensations).isEmpty();
    }
}
