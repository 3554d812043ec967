package io.chariot.sagas.onboarding;

import io.chariot.api.account.AccountCommands;
import io.chariot.api.account.AccountCommands.ActivateIntegration;
import io.chariot.api.account.AccountCommands.FailIntegration;
import io.chariot.api.account.AccountCommands.IntegrationState;
import io.chariot.api.account.AccountCommands.VerifyIntegration;
import io.chariot.api.account.AccountEvents.IntegrationLinked;
import io.chariot.api.account.AccountEvents.IntegrationVerified;
import io.chariot.api.asset.AssetCommands.AssetState;
import io.chariot.api.asset.AssetCommands.DeleteAsset;
import io.chariot.api.asset.AssetCommands.UpsertAsset;
import io.chariot.api.job.JobCommands.CancelJob;
import io.chariot.api.job.JobCommands.JobState;
import io.chariot.api.job.JobCommands.QueueJob;
import io.chariot.api.origin.MessageOrigin;
import io.chariot.api.rejection.Rejected;
import io.chariot.consistency.failure.TransientFailures;
import io.chariot.sagas.job.RecordingRuntime;
import io.chariot.sagas.runtime.CompensationRequested;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.test.saga.SagaTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Integration onboarding on Axon's {@link SagaTestFixture}: verify, import seeds with their discovery jobs,
 * activate; and every way it fails, each compensated in reverse (jobs cancelled, seeds removed, integration failed).
 */
class OnboardingSagaTest {

    private static final String TENANT = "owner@example.com";
    private static final String KEY = AccountCommands.accountKey(TENANT, "github", "acme");
    private static final String LINK = AccountCommands.aggregateId(TENANT, KEY);
    private static final Instant LINKED_AT = Instant.parse("2025-06-01T11:59:00Z");
    /** When the steps run; the clock the saga reads stands here too. */
    private static final Instant AT = Instant.parse("2025-06-01T12:00:00Z");
    private static final Instant LONG_AGO = Instant.parse("2024-01-01T00:00:00Z");
    private static final Duration DEADLINE = Duration.ofMinutes(15);
    private static final String CONFIG = "{\"org\":\"acme\",\"token\":\"********\"}";
    private static final String SEALED = "v1:sealed-token";
    private static final String CREDENTIALS = "{\"token\":\"ghp_secret\"}";

    private static final String SEED_1 = "#asset#acme.example#acme.example";
    private static final String SEED_2 = "#asset#acme.example#www.acme.example";
    private static final String UNDONE = "undone: onboarding of " + KEY + " failed";

    private SagaTestFixture<OnboardingSaga> fixture;
    private RecordingRuntime runtime;
    private FakeProvider provider;
    /** Command types the contexts reject; seeds and jobs that existed before the onboarding. */
    private final Set<Class<?>> rejected = new HashSet<>();
    private final Set<String> existing = new HashSet<>();
    private String rejectedSeed;

    /** The provider as the workflow sees it (the HTTP one is proven on a real server in the platform's IT). */
    static final class FakeProvider implements Provider {
        final List<String> calls = new ArrayList<>();
        final List<Integration> asked = new ArrayList<>();
        RuntimeException verifyFails;
        RuntimeException seedsFail;
        List<Seed> seeds = List.of(new Seed("acme.example", null, null),
                new Seed("acme.example", "www.acme.example", null));

        @Override
        public void verify(Integration integration) {
            calls.add("verify");
            asked.add(integration);
            if (verifyFails != null) {
                throw verifyFails;
            }
        }

        @Override
        public List<Seed> seeds(Integration integration) {
            calls.add("seeds");
            asked.add(integration);
            if (seedsFail != null) {
                throw seedsFail;
            }
            return seeds;
        }
    }

    @BeforeEach
    void setUp() {
        fixture = new SagaTestFixture<>(OnboardingSaga.class);
        runtime = new RecordingRuntime(RecordingRuntime.deadlinesOf(fixture));
        provider = new FakeProvider();
        fixture.registerResource(runtime);
        fixture.registerResource(onboarding());
        fixture.setCallbackBehavior((command, metaData) -> answer(command));
    }

    private IntegrationOnboarding onboarding() {
        return new IntegrationOnboarding(DefaultCommandGateway.builder().commandBus(fixture.getCommandBus()).build(),
                provider, (sealed, id) -> sealed.equals(SEALED) && id.equals(LINK) ? CREDENTIALS : null,
                new OnboardingProperties(Map.of("github", URI.create("http://127.0.0.1:9/github")),
                        List.of("subdomain", "portscan"), DEADLINE, null, null),
                new TransientFailures(List.of(TransientFailures.GENERIC)), Clock.fixed(AT, ZoneOffset.UTC));
    }

    /** What each context answers: the fact's state, new now unless it existed; or a rejection. */
    private Object answer(Object command) {
        if (rejected.contains(command.getClass())) {
            throw Rejected.conflict(command.getClass().getSimpleName() + " refused");
        }
        if (command instanceof UpsertAsset u) {
            if (u.name().equals(rejectedSeed)) {
                throw Rejected.invalid("unknown status 'BOGUS'");
            }
            String key = "#asset#" + u.dns() + "#" + u.name();
            Instant created = existing.contains(key) ? LONG_AGO : AT;
            return new AssetState(key, u.dns(), u.name(), "domain", false, "P", "seed", u.by(), List.of(), created,
                    AT, AT, 0);
        }
        if (command instanceof QueueJob q) {
            boolean running = existing.contains(q.key());
            return new JobState(q.key(), q.dns(), q.identifier(), q.capability(), q.target(), running ? "JR" : "JQ",
                    LONG_AGO, running ? LONG_AGO : AT, null, null, Map.of(), List.of(), 0, null, null, null, null,
                    null);
        }
        if (command instanceof VerifyIntegration || command instanceof ActivateIntegration
                || command instanceof FailIntegration) {
            return new IntegrationState(KEY, TENANT, "github", "acme", "readonly", CONFIG, AT, true);
        }
        return null;
    }

    private static IntegrationLinked linked(String member) {
        String key = AccountCommands.accountKey(TENANT, member, "acme");
        return new IntegrationLinked(key, TENANT, member, "acme", "readonly", CONFIG, SEALED, null, TENANT, LINKED_AT);
    }

    private static final IntegrationLinked LINKED = linked("github");
    private static final IntegrationVerified VERIFIED = new IntegrationVerified(KEY, TENANT, "github", "acme",
            "chariot", AT);

    private static UpsertAsset seed(String name) {
        return UpsertAsset.of(TENANT, "acme.example", name, null, "seed", null,
                "imported by the github integration", "github");
    }

    private static QueueJob job(String asset, String capability) {
        return QueueJob.of(TENANT, asset, capability, Map.of(), List.of(), 0, 3600, "github");
    }

    private static String jobKey(String asset, String capability) {
        return job(asset, capability).key();
    }

    private static FailIntegration failed(String reason) {
        return new FailIntegration(LINK, TENANT, LINKED_AT, reason, "chariot");
    }

    @Test
    void aLinkedIntegrationWithAProviderIsCheckedByItWithItsCredentialsAndVerifiedUnderADurableDeadline() {
        fixture.givenNoPriorActivity()
                .whenAggregate(LINK).publishes(LINKED)
                .expectDispatchedCommands(new VerifyIntegration(LINK, TENANT, LINKED_AT, "chariot"))
                .expectScheduledDeadlineWithName(DEADLINE, IntegrationOnboarding.DEADLINE)
                .expectActiveSagas(1)
                .expectAssociationWith("aggregate", LINK);
        assertThat(runtime.begun).containsExactly("integration-onboarding " + TENANT + " " + KEY);
        assertThat(provider.asked).containsExactly(new Provider.Integration("github", "acme", CONFIG, CREDENTIALS));
        assertThat(runtime.steps).containsExactly("deadline onboarding-deadline in PT15M",
                "credentials verified by the provider");
    }

    @Test
    void aVerifiedIntegrationsSeedsAreImportedEachWithItsDiscoveryJobsThenItIsActivatedAndTheInstanceCompletes() {
        fixture.givenAggregate(LINK).published(LINKED)
                .whenAggregate(LINK).publishes(VERIFIED)
                .expectDispatchedCommands(seed("acme.example"), job(SEED_1, "subdomain"), job(SEED_1, "portscan"),
                        seed("www.acme.example"), job(SEED_2, "subdomain"), job(SEED_2, "portscan"),
                        new ActivateIntegration(LINK, TENANT, LINKED_AT, "chariot"))
                .expectNoScheduledDeadlines()
                .expectActiveSagas(0);
        assertThat(provider.calls).containsExactly("verify", "seeds");
        assertThat(runtime.steps).containsSubsequence("credentials verified by the provider",
                "seed " + SEED_1 + " imported", "job " + jobKey(SEED_1, "subdomain") + " queued",
                "seed " + SEED_2 + " imported", "integration activated", "deadline onboarding-deadline cancelled");
        assertThat(runtime.compensations).isEmpty();
        assertThat(runtime.states).containsExactly("COMPLETED");
    }

    @Test
    void integrationsWithoutAProviderAndWebhooksStartNothing() {
        fixture.givenNoPriorActivity()
                .whenAggregate(AccountCommands.aggregateId(TENANT, linked("jira").key())).publishes(linked("jira"))
                .expectNoDispatchedCommands()
                .expectNoScheduledDeadlines()
                .expectActiveSagas(0);
        assertThat(runtime.begun).isEmpty();
        assertThat(provider.calls).isEmpty();
    }

    @Test
    void aLegacyIntegrationTheMigrationReplayerImportedIsNotOnboardedAgain() {
        fixture.givenNoPriorActivity()
                .whenAggregate(LINK).publishes(LINKED, Map.of(MessageOrigin.MIGRATION, "export-2025-06"))
                .expectNoDispatchedCommands()
                .expectNoScheduledDeadlines()
                .expectActiveSagas(0);
        assertThat(provider.calls).isEmpty();
    }

    @Test
    void credentialsTheProviderRefusesMarkTheIntegrationFailedWithTheReasonAndNothingElseIsDone() {
        provider.verifyFails = new Provider.ProviderException("the provider refused the credentials (HTTP 401)");
        String reason = "credentials not verified: the provider refused the credentials (HTTP 401)";
        fixture.givenNoPriorActivity()
                .whenAggregate(LINK).publishes(LINKED)
                .expectDispatchedCommands(failed(reason))
                .expectNoScheduledDeadlines()
                .expectActiveSagas(0);
        assertThat(runtime.compensations).containsExactly("integration marked failed");
        assertThat(runtime.states).containsExactly("COMPENSATING: " + reason, "COMPENSATED: " + reason);
    }

    @Test
    void aProviderDownWhenAskedForSeedsFailsTheVerifiedIntegrationWithNothingImported() {
        provider.seedsFail = new Provider.ProviderException("the provider at http://127.0.0.1:9/github did not "
                + "answer seeds (ConnectException)");
        String reason = "seeds not imported: the provider at http://127.0.0.1:9/github did not answer seeds "
                + "(ConnectException)";
        fixture.givenAggregate(LINK).published(LINKED)
                .whenAggregate(LINK).publishes(VERIFIED)
                .expectDispatchedCommands(failed(reason))
                .expectActiveSagas(0);
        assertThat(runtime.states).containsExactly("COMPENSATING: " + reason, "COMPENSATED: " + reason);
    }

    @Test
    void aSeedTheAssetContextRejectsCancelsTheJobsQueuedRemovesTheSeedsImportedAndFailsTheIntegrationInReverse() {
        rejectedSeed = "www.acme.example";
        String reason = "seed acme.example www.acme.example not imported: unknown status 'BOGUS'";
        fixture.givenAggregate(LINK).published(LINKED)
                .whenAggregate(LINK).publishes(VERIFIED)
                .expectDispatchedCommands(seed("acme.example"), job(SEED_1, "subdomain"), job(SEED_1, "portscan"),
                        seed("www.acme.example"),
                        CancelJob.of(TENANT, jobKey(SEED_1, "portscan"), UNDONE, "chariot"),
                        CancelJob.of(TENANT, jobKey(SEED_1, "subdomain"), UNDONE, "chariot"),
                        DeleteAsset.of(TENANT, SEED_1, UNDONE, "chariot"),
                        failed(reason))
                .expectNoScheduledDeadlines()
                .expectActiveSagas(0);
        assertThat(runtime.compensations).containsExactly("job " + jobKey(SEED_1, "portscan") + " cancelled",
                "job " + jobKey(SEED_1, "subdomain") + " cancelled", "seed " + SEED_1 + " removed",
                "integration marked failed");
        assertThat(runtime.states).containsExactly("COMPENSATING: " + reason, "COMPENSATED: " + reason);
    }

    @Test
    void anActivationTheAccountContextRejectsUndoesEverySeedAndJob() {
        rejected.add(ActivateIntegration.class);
        fixture.givenAggregate(LINK).published(LINKED)
                .whenAggregate(LINK).publishes(VERIFIED)
                .expectActiveSagas(0);
        assertThat(runtime.compensations).containsExactly(
                "job " + jobKey(SEED_2, "portscan") + " cancelled", "job " + jobKey(SEED_2, "subdomain") + " cancelled",
                "job " + jobKey(SEED_1, "portscan") + " cancelled", "job " + jobKey(SEED_1, "subdomain") + " cancelled",
                "seed " + SEED_2 + " removed", "seed " + SEED_1 + " removed", "integration marked failed");
        assertThat(runtime.states).last().isEqualTo("COMPENSATED: integration not activated: ActivateIntegration "
                + "refused");
    }

    @Test
    void seedsAndJobsThatExistedBeforeTheOnboardingAreLeftAsTheyAre() {
        existing.add(SEED_1);
        existing.add(jobKey(SEED_2, "subdomain"));
        rejected.add(ActivateIntegration.class);
        fixture.givenAggregate(LINK).published(LINKED)
                .whenAggregate(LINK).publishes(VERIFIED)
                .expectActiveSagas(0);
        assertThat(runtime.steps).contains("seed " + SEED_1 + " imported (it existed)",
                "job " + jobKey(SEED_2, "subdomain") + " queued (it was queued or running)");
        assertThat(runtime.compensations).containsExactly(
                "job " + jobKey(SEED_2, "portscan") + " cancelled", "job " + jobKey(SEED_1, "portscan") + " cancelled",
                "job " + jobKey(SEED_1, "subdomain") + " cancelled", "seed " + SEED_2 + " removed",
                "integration marked failed");
    }

    @Test
    void anOnboardingThatDoesNotFinishWithinItsDeadlineIsUndone() {
        String reason = "onboarding did not finish within PT15M";
        fixture.givenAggregate(LINK).published(LINKED)
                .whenTimeElapses(DEADLINE.plusSeconds(1))
                .expectDispatchedCommands(failed(reason))
                .expectActiveSagas(0);
        assertThat(runtime.steps).contains("deadline onboarding-deadline fired");
        assertThat(runtime.states).containsExactly("COMPENSATING: " + reason, "COMPENSATED: " + reason);
    }

    @Test
    void aCompensationThatFailsKeepsTheInstanceAndARetryResumesUndoingWithoutRepeatingWhatWasUndone() {
        rejectedSeed = "www.acme.example";
        rejected.add(DeleteAsset.class);
        // what the application's parking does: the failure is kept aside, the instance stays as it is
        fixture.registerListenerInvocationErrorHandler((failure, event, saga) -> {
        });
        fixture.givenAggregate(LINK).published(LINKED)
                .whenAggregate(LINK).publishes(VERIFIED)
                .expectActiveSagas(1)
                // the parked compensation is not run again by the deadline: an operator retries it
                .expectNoScheduledDeadlines();
        assertThat(runtime.compensations).containsExactly("job " + jobKey(SEED_1, "portscan") + " cancelled",
                "job " + jobKey(SEED_1, "subdomain") + " cancelled");

        // the operator fixed the cause and retries: the same event again
        rejected.remove(DeleteAsset.class);
        String reason = "seed acme.example www.acme.example not imported: unknown status 'BOGUS'";
        fixture.givenAggregate(LINK).published()
                .whenAggregate(LINK).publishes(VERIFIED)
                .expectDispatchedCommands(DeleteAsset.of(TENANT, SEED_1, UNDONE, "chariot"), failed(reason))
                .expectActiveSagas(0);
        assertThat(runtime.compensations).endsWith("seed " + SEED_1 + " removed", "integration marked failed");
    }

    @Test
    void anOperatorCompensatesARunningOnboardingOnPurpose() {
        String reason = "compensation requested by ops@chariot.test: provider retired";
        fixture.givenAggregate(LINK).published(LINKED)
                .whenPublishingA(new CompensationRequested(RecordingRuntime.SAGA_ID, "provider retired",
                        "ops@chariot.test"))
                .expectDispatchedCommands(failed(reason))
                .expectNoScheduledDeadlines()
                .expectActiveSagas(0);
        assertThat(runtime.states).containsExactly("COMPENSATING: " + reason, "COMPENSATED: " + reason);
    }

    @Test
    void aTransientFailureIsThrownForTheMachineryToRetryAndTheRetrySkipsTheStepsDone() {
        List<Object> sent = new ArrayList<>();
        boolean[] failing = {true};
        fixture.setCallbackBehavior((command, metaData) -> {
            sent.add(command);
            if (command instanceof QueueJob q && q.capability().equals("portscan") && failing[0]) {
                throw new UncheckedIOException(new IOException("connection refused"));
            }
            return answer(command);
        });
        List<Throwable> thrown = new ArrayList<>();
        fixture.registerListenerInvocationErrorHandler((failure, event, saga) -> thrown.add(failure));
        fixture.givenAggregate(LINK).published(LINKED)
                .whenAggregate(LINK).publishes(VERIFIED)
                .expectActiveSagas(1);
        assertThat(thrown).singleElement().isInstanceOf(UncheckedIOException.class);
        assertThat(runtime.compensations).isEmpty();

        failing[0] = false;
        sent.clear();
        fixture.givenAggregate(LINK).published()
                .whenAggregate(LINK).publishes(VERIFIED)
                .expectActiveSagas(0);
        assertThat(sent).containsExactly(job(SEED_1, "portscan"), seed("www.acme.example"),
                job(SEED_2, "subdomain"), job(SEED_2, "portscan"),
                new ActivateIntegration(LINK, TENANT, LINKED_AT, "chariot"));
        assertThat(provider.calls).containsExactly("verify", "seeds");
        assertThat(runtime.states).containsExactly("COMPLETED");
    }
}
