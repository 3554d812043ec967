package io.chariot.job;

import io.chariot.api.job.JobEvents.JobPurged;
import io.chariot.api.job.JobCommands.PurgeJob;
import io.chariot.api.asset.InvalidKeyException;
import io.chariot.api.job.JobCommands.CancelJob;
import io.chariot.api.job.JobCommands.ClaimJob;
import io.chariot.api.job.JobCommands.FinishJob;
import io.chariot.api.job.JobCommands.JobState;
import io.chariot.api.job.JobCommands.QueueJob;
import io.chariot.api.job.JobCommands.RejectResult;
import io.chariot.api.job.JobEvents.JobFinished;
import io.chariot.api.job.JobEvents.JobQueued;
import io.chariot.api.job.JobEvents.JobStarted;
import io.chariot.api.job.JobResults;
import io.chariot.api.rejection.Rejected;
import io.chariot.api.rejection.Rejection;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The job aggregate's rules (chariot-api.md §2.5). The fixture stamps events at {@link #NOW}. */
class JobTest {

    private static final Instant EARLIER = Instant.parse("2025-05-01T08:00:00Z");
    private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
    private static final String TENANT = "user@example.com";
    private static final String ASSET = "#asset#example.com#1.2.3.4";
    private static final String KEY = "#job#example.com#1.2.3.4#portscan";
    private static final Map<String, String> CONFIG = Map.of("ports", "22,443");
    private static final long TIMEOUT = 60;

    private FixtureConfiguration<Job> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Job.class);
    }

    private static QueueJob queue(int retries) {
        return QueueJob.of(TENANT, ASSET, "portscan", CONFIG, List.of("cred-1"), retries, TIMEOUT, "alice");
    }

    private static JobQueued queued(int retries, Instant created, Instant at) {
        return new JobQueued(TENANT, KEY, "example.com", "1.2.3.4", "portscan", ASSET, CONFIG, List.of("cred-1"),
                             retries, TIMEOUT, null, null, created, "alice", at);
    }

    private static JobStarted started(Instant at) {
        return new JobStarted(TENANT, KEY, "worker-1", at.plusSeconds(TIMEOUT), "alice", at);
    }

    private static <T> Matcher<Object> field(Function<JobState, T> f, T expected) {
        return new TypeSafeMatcher<>(JobState.class) {
            @Override
            protected boolean matchesSafely(Object item) {
                return expected.equals(f.apply((JobState) item));
            }

            @Override
            public void describeTo(Description d) {
                d.appendValue(expected);
            }
        };
    }

    @Test
    void aJobIsQueuedWithAKeyFromItsTargetAssetAndCapability() {
        fixture.givenCurrentTime(NOW)
               .when(QueueJob.of(TENANT, "#asset#Example.com#1.2.3.4", "portscan", CONFIG, List.of("cred-1"), 0,
                                 TIMEOUT, "alice"))
               .expectEvents(queued(0, NOW, NOW))
               .expectResultMessagePayloadMatching(field(JobState::status, "JQ"));
    }

    @Test
    void chariotUisAssetKeyWithoutIdentifierTargetsTheDomainItself() {
        assertThat(QueueJob.of(TENANT, "#asset#example.com", "whois", null, null, 0, 1, "a").key())
                .isEqualTo("#job#example.com#example.com#whois");
    }

    @Test
    void aBadTargetKeyOrCapabilityNameIsRejectedBeforeAnyCommand() {
        assertThatThrownBy(() -> QueueJob.of(TENANT, "#risk#example.com#x", "portscan", null, null, 0, 1, "a"))
                .isInstanceOf(InvalidKeyException.class);
        assertThatThrownBy(() -> QueueJob.of(TENANT, ASSET, "Port#scan", null, null, 0, 1, "a"))
                .isInstanceOf(InvalidKeyException.class);
        assertThatThrownBy(() -> ClaimJob.of(TENANT, ASSET, "w", "a")).isInstanceOf(InvalidKeyException.class);
    }

    @Test
    void aNonPositiveTimeoutOrNegativeRetriesAreRejected() {
        fixture.givenNoPriorActivity()
               .when(QueueJob.of(TENANT, ASSET, "portscan", null, null, 0, 0, "a"))
               .expectException(rejected(Rejection.Code.INVALID)).expectNoEvents();
        fixture.givenNoPriorActivity()
               .when(QueueJob.of(TENANT, ASSET, "portscan", null, null, -1, 10, "a"))
               .expectException(rejected(Rejection.Code.INVALID)).expectNoEvents();
    }

    @Test
    void requeueingAQueuedJobWithTheSameSettingsIsANoOpReturningItsState() {
        fixture.given(queued(0, EARLIER, EARLIER))
               .andGivenCurrentTime(NOW)
               .when(queue(0))
               .expectNoEvents()
               .expectResultMessagePayloadMatching(field(JobState::created, EARLIER));
    }

    @Test
    void requeueingAQueuedJobWithOtherSettingsTakesThemKeepingItsCreationTime() {
        // praetorian-cli's test_add_job_with_config queues the default capabilities again, now with a config
        Map<String, String> other = Map.of("test_config_key", "test_config_value");
        fixture.given(queued(0, EARLIER, EARLIER))
               .andGivenCurrentTime(NOW)
               .when(QueueJob.of(TENANT, ASSET, "portscan", other, List.of("cred-1"), 3, TIMEOUT, "bob"))
               .expectEvents(new JobQueued(TENANT, KEY, "example.com", "1.2.3.4", "portscan", ASSET, other,
                                           List.of("cred-1"), 3, TIMEOUT, null, null, EARLIER, "bob", NOW))
               .expectResultMessagePayloadMatching(field(JobState::config, other));
    }

    @Test
    void requeueingARunningJobIsANoOp() {
        fixture.given(queued(0, EARLIER, EARLIER), started(EARLIER))
               .when(queue(0))
               .expectNoEvents()
               .expectResultMessagePayloadMatching(field(JobState::status, "JR"));
    }

    @Test
    void aFinishedJobCanBeQueuedAgainKeepingItsCreationTime() {
        fixture.given(queued(0, EARLIER, EARLIER), started(EARLIER),
                      new JobFinished(TENANT, KEY, "JP", null, JobResults.EMPTY, KEY, "alice", EARLIER))
               .andGivenCurrentTime(NOW)
               .when(queue(0))
               .expectEvents(queued(0, EARLIER, NOW))
               .expectResultMessagePayloadMatching(field(JobState::status, "JQ"));
    }

    @Test
    void aWorkerClaimsAQueuedJobAndItsDeadlineIsScheduled() {
        fixture.given(queued(0, EARLIER, EARLIER))
               .andGivenCurrentTime(NOW)
               .when(ClaimJob.of(TENANT, KEY, "worker-1", "alice"))
               .expectEvents(started(NOW))
               .expectScheduledDeadline(Duration.ofSeconds(TIMEOUT), new JobDeadline(KEY, NOW))
               .expectResultMessagePayloadMatching(field(JobState::worker, "worker-1"));
    }

    @Test
    void aSecondClaimOfTheSameJobIsAConflict() {
        fixture.given(queued(0, EARLIER, EARLIER), started(EARLIER))
               .when(ClaimJob.of(TENANT, KEY, "worker-2", "bob"))
               .expectException(rejected(Rejection.Code.CONFLICT)).expectNoEvents();
    }

    @Test
    void claimingNeedsAWorkerId() {
        fixture.given(queued(0, EARLIER, EARLIER))
               .when(ClaimJob.of(TENANT, KEY, " ", "bob"))
               .expectException(rejected(Rejection.Code.INVALID)).expectNoEvents();
    }

    @Test
    void claimingAnUnknownJobIsNotFound() {
        fixture.givenNoPriorActivity()
               .when(ClaimJob.of(TENANT, KEY, "worker-1", "bob"))
               .expectException(AggregateNotFoundException.class);
    }

    @Test
    void aRunningJobPassesAndItsDeadlineIsCancelled() {
        fixture.given(queued(0, EARLIER, EARLIER))
               .andGivenCurrentTime(NOW)
               .andGivenCommands(ClaimJob.of(TENANT, KEY, "worker-1", "alice"))
               .when(FinishJob.of(TENANT, KEY, "JP", null, "alice"))
               .expectEvents(new JobFinished(TENANT, KEY, "JP", null, JobResults.EMPTY, KEY, "alice", NOW))
               .expectNoScheduledDeadlines()
               .expectResultMessagePayloadMatching(field(JobState::status, "JP"));
    }

    @Test
    void aRunningJobFailsWithAReason() {
        fixture.given(queued(0, EARLIER, EARLIER), started(EARLIER))
               .andGivenCurrentTime(NOW)
               .when(FinishJob.of(TENANT, KEY, "JF", "nmap crashed", "alice"))
               .expectEvents(new JobFinished(TENANT, KEY, "JF", "nmap crashed", JobResults.EMPTY, KEY, "alice", NOW))
               .expectResultMessagePayloadMatching(field(JobState::reason, "nmap crashed"));
    }

    @Test
    void aFailedJobWithRetriesLeftIsQueuedAgainWithOneRetryLess() {
        fixture.given(queued(2, EARLIER, EARLIER), started(EARLIER))
               .andGivenCurrentTime(NOW)
               .when(FinishJob.of(TENANT, KEY, "JF", "timeout talking to target", "alice"))
               .expectEvents(new JobFinished(TENANT, KEY, "JF", "timeout talking to target", JobResults.EMPTY, KEY, "alice", NOW),
                             queued(1, EARLIER, NOW))
               .expectResultMessagePayloadMatching(field(JobState::retries, 1));
    }

    @Test
    void aPassedRunWhoseResultWasNotAppliedFailsWithTheReasonAndIsQueuedAgainWhileRetriesRemain() {
        Instant later = NOW.plusSeconds(5);
        fixture.given(queued(1, EARLIER, EARLIER), started(EARLIER),
                      new JobFinished(TENANT, KEY, "JP", null, JobResults.EMPTY, KEY, "alice", NOW))
               .andGivenCurrentTime(later)
               .when(RejectResult.of(TENANT, KEY, NOW, "result not applied: asset deleted", "chariot"))
               .expectEvents(new JobFinished(TENANT, KEY, "JF", "result not applied: asset deleted", JobResults.EMPTY,
                                             KEY, "chariot", later),
                             new JobQueued(TENANT, KEY, "example.com", "1.2.3.4", "portscan", ASSET, CONFIG,
                                           List.of("cred-1"), 0, TIMEOUT, null, null, EARLIER, "chariot", later));
    }

    @Test
    void rejectingTheResultOfAnotherRunOrTwiceChangesNothing() {
        fixture.given(queued(0, EARLIER, EARLIER), started(EARLIER),
                      new JobFinished(TENANT, KEY, "JP", null, JobResults.EMPTY, KEY, "alice", NOW))
               .when(RejectResult.of(TENANT, KEY, EARLIER, "stale", "chariot"))
               .expectNoEvents();
        fixture.given(queued(0, EARLIER, EARLIER), started(EARLIER),
                      new JobFinished(TENANT, KEY, "JP", null, JobResults.EMPTY, KEY, "alice", NOW),
                      new JobFinished(TENANT, KEY, "JF", "result not applied", JobResults.EMPTY, KEY, "chariot", NOW))
               .when(RejectResult.of(TENANT, KEY, NOW, "result not applied", "chariot"))
               .expectNoEvents();
    }

    @Test
    void onlyJpOrJfFinishesAJob() {
        fixture.given(queued(0, EARLIER, EARLIER), started(EARLIER))
               .when(FinishJob.of(TENANT, KEY, "JQ", null, "alice"))
               .expectException(rejected(Rejection.Code.INVALID)).expectNoEvents();
    }

    @Test
    void finishingAJobThatIsNotRunningIsAConflict() {
        fixture.given(queued(0, EARLIER, EARLIER))
               .when(FinishJob.of(TENANT, KEY, "JP", null, "alice"))
               .expectException(rejected(Rejection.Code.CONFLICT)).expectNoEvents();
        fixture.given(queued(0, EARLIER, EARLIER), started(EARLIER),
                      new JobFinished(TENANT, KEY, "JP", null, JobResults.EMPTY, KEY, "alice", EARLIER))
               .when(FinishJob.of(TENANT, KEY, "JF", "late", "alice"))
               .expectException(rejected(Rejection.Code.CONFLICT)).expectNoEvents();
    }

    @Test
    void aJobNotFinishedByItsDeadlineFails() {
        fixture.given(queued(0, EARLIER, EARLIER))
               .andGivenCurrentTime(NOW)
               .andGivenCommands(ClaimJob.of(TENANT, KEY, "worker-1", "alice"))
               .whenTimeElapses(Duration.ofSeconds(TIMEOUT + 1))
               .expectDeadlinesMet(new JobDeadline(KEY, NOW))
               .expectEvents(new JobFinished(TENANT, KEY, "JF", "deadline exceeded", JobResults.EMPTY, KEY, "chariot",
                                             NOW.plusSeconds(TIMEOUT)));
    }

    @Test
    void aJobPastItsDeadlineWithRetriesLeftIsQueuedAgain() {
        fixture.given(queued(1, EARLIER, EARLIER))
               .andGivenCurrentTime(NOW)
               .andGivenCommands(ClaimJob.of(TENANT, KEY, "worker-1", "alice"))
               .whenTimeElapses(Duration.ofSeconds(TIMEOUT + 1))
               .expectEvents(new JobFinished(TENANT, KEY, "JF", "deadline exceeded", JobResults.EMPTY, KEY, "chariot",
                                             NOW.plusSeconds(TIMEOUT)),
                             new JobQueued(TENANT, KEY, "example.com", "1.2.3.4", "portscan", ASSET, CONFIG,
                                           List.of("cred-1"), 0, TIMEOUT, null, null, EARLIER, "chariot",
                                           NOW.plusSeconds(TIMEOUT)));
    }

    @Test
    void aJobFinishedBeforeItsDeadlineIsNotFailedByIt() {
        fixture.given(queued(0, EARLIER, EARLIER))
               .andGivenCurrentTime(NOW)
               .andGivenCommands(ClaimJob.of(TENANT, KEY, "worker-1", "alice"),
                                 FinishJob.of(TENANT, KEY, "JP", null, "alice"))
               .whenTimeElapses(Duration.ofSeconds(TIMEOUT + 1))
               .expectNoEvents();
    }

    // ----------------------------------------------------------------------------------------------------------
    // Results and chains

    private static final JobResults.Items ITEMS = new JobResults.Items(
            List.of(new JobResults.AssetItem("example.com", "www.example.com", null)),
            List.of(new JobResults.AttributeItem(ASSET, "http_title", "Index of /")),
            List.of(new JobResults.PortItem(ASSET, "tcp", 80, "http")),
            List.of(new JobResults.RiskItem(ASSET, null, "directory-listing", "TM", null, null)),
            List.of(new JobResults.ChildJob("#asset#example.com#www.example.com", "http-probe", Map.of(), 0, 600)));

    @Test
    void aFinishedRunCarriesItsResultItemsAndItsOwnKeyAsTheChainOrigin() {
        fixture.given(queued(0, EARLIER, EARLIER), started(EARLIER))
               .andGivenCurrentTime(NOW)
               .when(FinishJob.of(TENANT, KEY, "JP", null, ITEMS, "worker"))
               .expectEvents(new JobFinished(TENANT, KEY, "JP", null, ITEMS, KEY, "worker", NOW));
    }

    @Test
    void aChildJobRemembersItsParentAndPassesItsChainOriginOn() {
        String child = "#job#example.com#www.example.com#http-probe";
        String origin = "#job#example.com#example.com#subdomain";
        fixture.givenCurrentTime(NOW)
               .when(QueueJob.child(TENANT, "#asset#example.com#www.example.com", "http-probe", Map.of(), List.of(),
                                    0, 600, KEY, origin, "portscan"))
               .expectEvents(new JobQueued(TENANT, child, "example.com", "www.example.com", "http-probe",
                                           "#asset#example.com#www.example.com", Map.of(), List.of(), 0, 600, KEY,
                                           origin, NOW, "portscan", NOW))
               .expectResultMessagePayloadMatching(field(JobState::parent, KEY));

        fixture.given(new JobQueued(TENANT, child, "example.com", "www.example.com", "http-probe",
                                    "#asset#example.com#www.example.com", Map.of(), List.of(), 0, 600, KEY, origin,
                                    EARLIER, "portscan", EARLIER),
                      new JobStarted(TENANT, child, "w", EARLIER.plusSeconds(600), "w", EARLIER))
               .andGivenCurrentTime(NOW)
               .when(FinishJob.of(TENANT, child, "JP", null, "w"))
               .expectEvents(new JobFinished(TENANT, child, "JP", null, JobResults.EMPTY, origin, "w", NOW));
    }

    @Test
    void aRetriedChildJobStaysInItsChain() {
        String origin = "#job#example.com#example.com#subdomain";
        fixture.given(new JobQueued(TENANT, KEY, "example.com", "1.2.3.4", "portscan", ASSET, CONFIG, List.of(), 1,
                                    TIMEOUT, origin, origin, EARLIER, "alice", EARLIER), started(EARLIER))
               .andGivenCurrentTime(NOW)
               .when(FinishJob.of(TENANT, KEY, "JF", "boom", "w"))
               .expectEvents(new JobFinished(TENANT, KEY, "JF", "boom", JobResults.EMPTY, origin, "w", NOW),
                             new JobQueued(TENANT, KEY, "example.com", "1.2.3.4", "portscan", ASSET, CONFIG,
                                           List.of(), 0, TIMEOUT, origin, origin, EARLIER, "w", NOW));
    }

    @Test
    void aResultWithMoreItemsThanAllowedIsRejectedAndTheJobKeepsRunning() {
        List<JobResults.AttributeItem> many = new java.util.ArrayList<>();
        for (int i = 0; i <= Job.MAX_ITEMS; i++) {
            many.add(new JobResults.AttributeItem(ASSET, "n", "v" + i));
        }
        fixture.given(queued(0, EARLIER, EARLIER), started(EARLIER))
               .when(FinishJob.of(TENANT, KEY, "JP", null,
                                  new JobResults.Items(List.of(), many, List.of(), List.of(), List.of()), "w"))
               .expectException(rejected(Rejection.Code.INVALID))
               .expectNoEvents();
    }

    @Test
    void aResultCannotSpawnItsOwnJobOrItsChainsOrigin() {
        String origin = "#job#example.com#example.com#subdomain";
        fixture.given(new JobQueued(TENANT, KEY, "example.com", "1.2.3.4", "portscan", ASSET, CONFIG, List.of(), 0,
                                    TIMEOUT, origin, origin, EARLIER, "alice", EARLIER), started(EARLIER))
               .when(FinishJob.of(TENANT, KEY, "JP", null, new JobResults.Items(List.of(), List.of(), List.of(),
                       List.of(), List.of(new JobResults.ChildJob(ASSET, "portscan", Map.of(), 0, 60))), "w"))
               .expectException(rejected(Rejection.Code.INVALID))
               .expectNoEvents();
        fixture.given(new JobQueued(TENANT, KEY, "example.com", "1.2.3.4", "portscan", ASSET, CONFIG, List.of(), 0,
                                    TIMEOUT, origin, origin, EARLIER, "alice", EARLIER), started(EARLIER))
               .when(FinishJob.of(TENANT, KEY, "JP", null, new JobResults.Items(List.of(), List.of(), List.of(),
                       List.of(), List.of(new JobResults.ChildJob("#asset#example.com#example.com", "subdomain",
                                                                  Map.of(), 0, 60))), "w"))
               .expectException(rejected(Rejection.Code.INVALID))
               .expectNoEvents();
    }

    private static Matcher<?> rejected(Rejection.Code code) {
        return new TypeSafeMatcher<Rejected>() {
            @Override
            protected boolean matchesSafely(Rejected e) {
                return e.rejection().code() == code;
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("a rejection with code " + code);
            }
        };
    }

    @Test
    void aQueuedJobCancelledFailsWithTheReasonAndIsNotQueuedAgainWhateverItsRetries() {
        fixture.given(queued(2, EARLIER, EARLIER))
               .andGivenCurrentTime(NOW)
               .when(CancelJob.of(TENANT, KEY, "onboarding failed", "chariot"))
               .expectEvents(new JobFinished(TENANT, KEY, "JF", "cancelled: onboarding failed", JobResults.EMPTY, KEY,
                       "chariot", NOW))
               .expectResultMessagePayloadMatching(field(JobState::status, "JF"));
    }

    @Test
    void aRunningJobCancelledFailsAndItsDeadlineIsCancelled() {
        fixture.given(queued(1, EARLIER, EARLIER))
               .andGivenCommands(ClaimJob.of(TENANT, KEY, "worker-1", "bob"))
               .when(CancelJob.of(TENANT, KEY, "onboarding failed", "chariot"))
               .expectNoScheduledDeadlines()
               .expectResultMessagePayloadMatching(field(JobState::reason, "cancelled: onboarding failed"));
    }

    @Test
    void cancellingAFinishedJobChangesNothing() {
        fixture.given(queued(0, EARLIER, EARLIER), started(EARLIER),
                      new JobFinished(TENANT, KEY, "JP", null, JobResults.EMPTY, KEY, "alice", EARLIER))
               .when(CancelJob.of(TENANT, KEY, "onboarding failed", "chariot"))
               .expectNoEvents()
               .expectResultMessagePayloadMatching(field(JobState::status, "JP"));
    }

    @Test
    void cancellingAnUnknownJobIsNotFound() {
        fixture.givenNoPriorActivity()
               .when(CancelJob.of(TENANT, KEY, "onboarding failed", "chariot"))
               .expectException(AggregateNotFoundException.class);
    }

    // --- tenant purge ------------------------------------------------------------------------------------------

    @Test
    void aPurgedRunningJobEndsAsACancelledRunWithoutARetryThenIsPurgedOnce() {
        fixture.givenCurrentTime(EARLIER)
               .andGiven(queued(2, EARLIER, EARLIER), started(EARLIER))
               .andGivenCurrentTime(NOW)
               .when(new PurgeJob(TENANT + KEY, TENANT, KEY, "chariot"))
               .expectEvents(new JobFinished(TENANT, KEY, "JF", "cancelled: tenant purged", JobResults.EMPTY, KEY,
                               "chariot", NOW),
                       new JobPurged(TENANT, KEY, "chariot", NOW))
               .expectResultMessagePayload(true);
        fixture.givenCurrentTime(NOW)
               .andGiven(queued(2, EARLIER, EARLIER), new JobPurged(TENANT, KEY, "chariot", NOW))
               .when(new PurgeJob(TENANT + KEY, TENANT, KEY, "chariot"))
               .expectNoEvents()
               .expectResultMessagePayload(false);
    }

    @Test
    void aPurgedJobIsNeitherClaimedNorFinishedAndQueueingItAgainStartsANewOne() {
        fixture.givenCurrentTime(NOW)
               .andGiven(queued(0, EARLIER, EARLIER), new JobPurged(TENANT, KEY, "chariot", EARLIER))
               .when(new ClaimJob(TENANT + KEY, TENANT, KEY, "w-1", "worker"))
               .expectException(rejected(Rejection.Code.CONFLICT))
               .expectNoEvents();
        fixture.givenCurrentTime(NOW)
               .andGiven(queued(0, EARLIER, EARLIER), new JobPurged(TENANT, KEY, "chariot", EARLIER))
               .when(queue(0))
               .expectEvents(queued(0, NOW, NOW));
    }
}
