package io.chariot.sagas.remediation;

import io.chariot.api.job.JobCommands;
import io.chariot.api.job.JobCommands.QueueJob;
import io.chariot.api.job.JobEvents.JobFinished;
import io.chariot.api.job.JobResults;
import io.chariot.api.risk.RiskCommands;
import io.chariot.api.risk.RiskCommands.UpdateRisk;
import io.chariot.api.risk.RiskEvents.RiskStatusChanged;
import io.chariot.sagas.job.RecordingRuntime;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.test.saga.SagaTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The remediation check on Axon's {@link SagaTestFixture}: re-test, confirmation, reopening, the deadline's flag. */
class RemediationSagaTest {

    private static final String TENANT = "user@example.com";
    private static final String RISK = "#risk#example.com#directory-listing";
    private static final String RISK_AGGREGATE = RiskCommands.aggregateId(TENANT, RISK);
    private static final String JOB = "#job#example.com#example.com#nuclei";
    private static final String JOB_AGGREGATE = JobCommands.aggregateId(TENANT, JOB);
    private static final Instant AT = Instant.parse("2025-06-01T12:00:00Z");
    private static final Duration DEADLINE = Duration.ofDays(7);

    private SagaTestFixture<RemediationSaga> fixture;
    private RecordingRuntime runtime;

    @BeforeEach
    void setUp() {
        fixture = new SagaTestFixture<>(RemediationSaga.class);
        runtime = new RecordingRuntime(RecordingRuntime.deadlinesOf(fixture));
        fixture.registerResource(runtime);
        fixture.registerResource(new RemediationCheck(
                DefaultCommandGateway.builder().commandBus(fixture.getCommandBus()).build(),
                new RemediationProperties(null, DEADLINE, null)));
    }

    private static RiskStatusChanged changed(String from, String to) {
        return new RiskStatusChanged(TENANT, RISK, from, to, 0, 0, null, "alice", AT);
    }

    private static final QueueJob RETEST = QueueJob.of(TENANT, "#asset#example.com", "nuclei", Map.of(), List.of(), 0,
            3600, "chariot");

    private static JobFinished retest(String status, JobResults.RiskItem... risks) {
        return new JobFinished(TENANT, JOB, status, "JF".equals(status) ? "nuclei crashed" : null,
                new JobResults.Items(List.of(), List.of(), List.of(), List.of(risks), List.of()), JOB, "worker", AT);
    }

    @Test
    void aRiskMarkedRemediatedQueuesARetestOfItsDomainAndWaitsForItWithADurableDeadline() {
        fixture.givenNoPriorActivity()
                .whenAggregate(RISK_AGGREGATE).publishes(changed("OH", "RH"))
                .expectDispatchedCommands(RETEST)
                .expectScheduledDeadlineWithName(DEADLINE, RemediationCheck.DEADLINE)
                .expectActiveSagas(1)
                .expectAssociationWith("aggregate", JOB_AGGREGATE);
        assertThat(runtime.begun).containsExactly("remediation-check " + TENANT + " " + RISK);
    }

    @Test
    void aRetestThatStillFindsTheRiskAddsTheHistoryNoteAndCompletes() {
        fixture.givenAggregate(RISK_AGGREGATE).published(changed("OH", "RH"))
                .whenAggregate(JOB_AGGREGATE).publishes(retest("JP", new JobResults.RiskItem(
                        "#asset#example.com#example.com", null, "directory-listing", "TM", null, null)))
                .expectDispatchedCommands(UpdateRisk.of(TENANT, RISK, null, "re-test " + JOB
                        + " still finds it: reopened", null, null, null, "chariot"))
                .expectNoScheduledDeadlines()
                .expectActiveSagas(0);
        assertThat(runtime.states).containsExactly("COMPLETED: still found by the re-test");
    }

    @Test
    void aRetestThatPassesWithoutTheRiskConfirmsTheRemediation() {
        fixture.givenAggregate(RISK_AGGREGATE).published(changed("OH", "RH"))
                .whenAggregate(JOB_AGGREGATE).publishes(retest("JP"))
                .expectNoDispatchedCommands()
                .expectNoScheduledDeadlines()
                .expectActiveSagas(0);
        assertThat(runtime.states).containsExactly("COMPLETED: remediation confirmed");
    }

    @Test
    void noRetestWithinTheDeadlineFlagsTheCheckForAnOperatorAndALateRetestStillCompletesIt() {
        fixture.givenAggregate(RISK_AGGREGATE).published(changed("OH", "RH"))
                .whenTimeElapses(DEADLINE.plusSeconds(1))
                .expectActiveSagas(1)
                .expectNoDispatchedCommands();
        assertThat(runtime.states).containsExactly("FLAGGED: no re-test finished within PT168H");
        assertThat(runtime.steps).contains("deadline " + RemediationCheck.DEADLINE + " fired");
    }

    @Test
    void aRiskLeavingRemediatedBeforeItsRetestEndsTheCheckAndCancelsTheDeadline() {
        fixture.givenAggregate(RISK_AGGREGATE).published(changed("OH", "RH"))
                .whenAggregate(RISK_AGGREGATE).publishes(changed("RH", "OH"))
                .expectNoScheduledDeadlines()
                .expectActiveSagas(0);
    }

    @Test
    void otherStatusChangesStartNothing() {
        fixture.givenNoPriorActivity()
                .whenAggregate(RISK_AGGREGATE).publishes(changed("TH", "OH"))
                .expectNoDispatchedCommands()
                .expectActiveSagas(0);
        assertThat(runtime.begun).isEmpty();
    }
}
