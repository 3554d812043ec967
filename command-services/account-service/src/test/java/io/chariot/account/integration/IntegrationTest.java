package io.chariot.account.integration;

import io.chariot.api.account.SecretHash;
import io.chariot.api.account.AccountCommands;
import io.chariot.api.account.AccountCommands.ActivateIntegration;
import io.chariot.api.account.AccountCommands.FailIntegration;
import io.chariot.api.account.AccountCommands.IntegrationState;
import io.chariot.api.account.AccountCommands.LinkIntegration;
import io.chariot.api.account.AccountCommands.UnlinkIntegration;
import io.chariot.api.account.AccountCommands.VerifyHookPin;
import io.chariot.api.account.AccountCommands.VerifyIntegration;
import io.chariot.api.account.AccountEvents.IntegrationActivated;
import io.chariot.api.account.AccountEvents.IntegrationFailed;
import io.chariot.api.account.AccountEvents.IntegrationVerified;
import io.chariot.api.rejection.Rejected;
import io.chariot.api.account.AccountEvents.IntegrationLinked;
import io.chariot.api.account.AccountEvents.IntegrationUnlinked;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;

class IntegrationTest {

    private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
    private static final String TENANT = "owner@example.com";
    private static final String KEY = AccountCommands.accountKey(TENANT, "github", "acme");
    private static final String ID = AccountCommands.aggregateId(TENANT, KEY);
    private static final String CONFIG = "{\"org\":\"acme\",\"token\":\"********\"}";
    private static final String HOOK_KEY = AccountCommands.accountKey(TENANT, "hook", AccountCommands.HOOK_VALUE);
    private static final String HOOK_ID = AccountCommands.aggregateId(TENANT, HOOK_KEY);
    private static final String PIN_HASH = SecretHash.of("0123456789abcdef-pin");

    private FixtureConfiguration<Integration> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Integration.class);
    }

    private static LinkIntegration github(String config, String secrets) {
        return new LinkIntegration(ID, TENANT, "github", "acme", "", config, secrets, null, TENANT);
    }

    private static IntegrationLinked githubLinked() {
        return new IntegrationLinked(KEY, TENANT, "github", "acme", "readonly", CONFIG, "v1:x", null, TENANT,
                NOW.minusSeconds(60));
    }

    private static IntegrationLinked hookLinked() {
        return new IntegrationLinked(HOOK_KEY, TENANT, "hook", AccountCommands.HOOK_VALUE, "readonly", "{}", null,
                PIN_HASH, TENANT, NOW.minusSeconds(60));
    }

    @Test
    void linkingAnIntegrationRecordsItsRedactedConfigAndSealedSecrets() {
        fixture.givenCurrentTime(NOW)
               .when(github(CONFIG, "v1:sealed"))
               .expectEvents(new IntegrationLinked(KEY, TENANT, "github", "acme", "readonly", CONFIG, "v1:sealed",
                       null, TENANT, NOW))
               .expectResultMessagePayload(new IntegrationState(KEY, TENANT, "github", "acme", "readonly", CONFIG,
                       NOW, true));
    }

    @Test
    void aMissingConfigIsAnEmptyObject() {
        fixture.givenCurrentTime(NOW)
               .when(github(null, null))
               .expectEvents(new IntegrationLinked(KEY, TENANT, "github", "acme", "readonly", "{}", null, null,
                       TENANT, NOW));
    }

    @Test
    void aConfigThatIsNotAnObjectIsRejected() {
        fixture.givenNoPriorActivity().when(github("[1]", null))
               .expectException(IllegalArgumentException.class).expectNoEvents();
    }

    @Test
    void aCollaboratorEmailIsNoIntegration() {
        String key = AccountCommands.accountKey(TENANT, "x@example.com", "x@example.com");
        fixture.givenNoPriorActivity()
               .when(new LinkIntegration(AccountCommands.aggregateId(TENANT, key), TENANT, "x@example.com",
                       "x@example.com", "", "{}", null, null, TENANT))
               .expectException(IllegalArgumentException.class).expectNoEvents();
    }

    @Test
    void settingsRecordsAreNoIntegration() {
        String key = AccountCommands.accountKey(TENANT, "settings", "v");
        fixture.givenNoPriorActivity()
               .when(new LinkIntegration(AccountCommands.aggregateId(TENANT, key), TENANT, "settings", "v", "", "{}",
                       null, null, TENANT))
               .expectException(IllegalArgumentException.class).expectNoEvents();
    }

    @Test
    void anIdentifierThatIsNotTenantPlusKeyIsRejected() {
        fixture.givenNoPriorActivity()
               .when(new LinkIntegration("other@example.com" + KEY, TENANT, "github", "acme", "", "{}", null, null,
                       TENANT))
               .expectException(IllegalArgumentException.class).expectNoEvents();
    }

    @Test
    void anUnknownRoleIsRejected() {
        fixture.givenNoPriorActivity()
               .when(new LinkIntegration(ID, TENANT, "github", "acme", "owner", "{}", null, null, TENANT))
               .expectException(IllegalArgumentException.class).expectNoEvents();
    }

    @Test
    void linkingALinkedIntegrationAgainReplacesItsConfig() {
        fixture.givenCurrentTime(NOW)
               .andGiven(githubLinked())
               .when(github("{\"org\":\"acme2\"}", null))
               .expectEvents(new IntegrationLinked(KEY, TENANT, "github", "acme", "readonly", "{\"org\":\"acme2\"}",
                       null, null, TENANT, NOW));
    }

    @Test
    void onlyAWebhookHasAPin() {
        fixture.givenNoPriorActivity()
               .when(new LinkIntegration(ID, TENANT, "github", "acme", "", "{}", null, PIN_HASH, TENANT))
               .expectException(IllegalArgumentException.class).expectNoEvents();
    }

    @Test
    void aWebhookNeedsAPinHashAndTheRedactedValue() {
        fixture.givenNoPriorActivity()
               .when(new LinkIntegration(HOOK_ID, TENANT, "hook", AccountCommands.HOOK_VALUE, "", "{}", null, null,
                       TENANT))
               .expectException(IllegalArgumentException.class).expectNoEvents();
    }

    @Test
    void aWebhookPinIsNeverItsValueNorInItsKey() {
        String clearKey = AccountCommands.accountKey(TENANT, "hook", "0123456789abcdef-pin");
        fixture.givenNoPriorActivity()
               .when(new LinkIntegration(AccountCommands.aggregateId(TENANT, clearKey), TENANT, "hook",
                       "0123456789abcdef-pin", "", "{}", null, PIN_HASH, TENANT))
               .expectException(IllegalArgumentException.class).expectNoEvents();
    }

    @Test
    void linkingAWebhookRecordsOnlyThePinHash() {
        fixture.givenCurrentTime(NOW)
               .when(new LinkIntegration(HOOK_ID, TENANT, "hook", AccountCommands.HOOK_VALUE, "", "{}", null,
                       PIN_HASH, TENANT))
               .expectEvents(new IntegrationLinked(HOOK_KEY, TENANT, "hook", AccountCommands.HOOK_VALUE, "readonly",
                       "{}", null, PIN_HASH, TENANT, NOW));
    }

    @Test
    void theRightPinIsVerifiedAndRecordsNothing() {
        fixture.givenCurrentTime(NOW)
               .andGiven(hookLinked())
               .when(new VerifyHookPin(HOOK_ID, TENANT, PIN_HASH))
               .expectNoEvents()
               .expectSuccessfulHandlerExecution();
    }

    @Test
    void aWrongPinIsNotFound() {
        fixture.givenCurrentTime(NOW)
               .andGiven(hookLinked())
               .when(new VerifyHookPin(HOOK_ID, TENANT, SecretHash.of("another-pin-0123456789")))
               .expectException(AggregateNotFoundException.class).expectNoEvents();
    }

    @Test
    void anUnlinkedHookVerifiesNoPin() {
        fixture.givenCurrentTime(NOW)
               .andGiven(hookLinked(), new IntegrationUnlinked(HOOK_KEY, TENANT, "hook", AccountCommands.HOOK_VALUE,
                       TENANT, NOW))
               .when(new VerifyHookPin(HOOK_ID, TENANT, PIN_HASH))
               .expectException(AggregateNotFoundException.class).expectNoEvents();
    }

    @Test
    void aTenantWithoutAHookVerifiesNoPin() {
        fixture.givenNoPriorActivity()
               .when(new VerifyHookPin(HOOK_ID, TENANT, PIN_HASH))
               .expectException(AggregateNotFoundException.class).expectNoEvents();
    }

    @Test
    void unlinkingRemovesTheIntegration() {
        fixture.givenCurrentTime(NOW)
               .andGiven(githubLinked())
               .when(new UnlinkIntegration(ID, TENANT, "github", "acme", TENANT))
               .expectEvents(new IntegrationUnlinked(KEY, TENANT, "github", "acme", TENANT, NOW));
    }

    @Test
    void unlinkingWhatIsNotLinkedIsNotFound() {
        fixture.givenNoPriorActivity()
               .when(new UnlinkIntegration(ID, TENANT, "github", "acme", TENANT))
               .expectException(AggregateNotFoundException.class).expectNoEvents();
    }

    @Test
    void unlinkingAnUnlinkedIntegrationIsNotFound() {
        fixture.givenCurrentTime(NOW)
               .andGiven(githubLinked(), new IntegrationUnlinked(KEY, TENANT, "github", "acme", TENANT, NOW))
               .when(new UnlinkIntegration(ID, TENANT, "github", "acme", TENANT))
               .expectException(AggregateNotFoundException.class).expectNoEvents();
    }

    // --- onboarding ------------------------------------------------------------------------------------------------

    /** When {@link #githubLinked()} linked it. */
    private static final Instant LINKED_AT = NOW.minusSeconds(60);
    private static final IntegrationVerified VERIFIED = new IntegrationVerified(KEY, TENANT, "github", "acme",
            "chariot", NOW.minusSeconds(30));

    @Test
    void aLinkedIntegrationIsVerifiedOnceThenActivated() {
        fixture.givenCurrentTime(NOW)
               .andGiven(githubLinked())
               .when(new VerifyIntegration(ID, TENANT, LINKED_AT, "chariot"))
               .expectEvents(new IntegrationVerified(KEY, TENANT, "github", "acme", "chariot", NOW));
        fixture.givenCurrentTime(NOW)
               .andGiven(githubLinked(), VERIFIED)
               .when(new VerifyIntegration(ID, TENANT, LINKED_AT, "chariot"))
               .expectNoEvents().expectSuccessfulHandlerExecution();
        fixture.givenCurrentTime(NOW)
               .andGiven(githubLinked(), VERIFIED)
               .when(new ActivateIntegration(ID, TENANT, LINKED_AT, "chariot"))
               .expectEvents(new IntegrationActivated(KEY, TENANT, "github", "acme", "chariot", NOW));
    }

    @Test
    void anIntegrationThatIsNotVerifiedCannotBeActivated() {
        fixture.givenCurrentTime(NOW)
               .andGiven(githubLinked())
               .when(new ActivateIntegration(ID, TENANT, LINKED_AT, "chariot"))
               .expectException(Rejected.class).expectNoEvents();
    }

    @Test
    void anUnlinkedIntegrationIsNeitherVerifiedNorActivated() {
        IntegrationUnlinked unlinked = new IntegrationUnlinked(KEY, TENANT, "github", "acme", TENANT, NOW);
        fixture.givenCurrentTime(NOW)
               .andGiven(githubLinked(), unlinked)
               .when(new VerifyIntegration(ID, TENANT, LINKED_AT, "chariot"))
               .expectException(AggregateNotFoundException.class).expectNoEvents();
        fixture.givenCurrentTime(NOW)
               .andGiven(githubLinked(), VERIFIED, unlinked)
               .when(new ActivateIntegration(ID, TENANT, LINKED_AT, "chariot"))
               .expectException(AggregateNotFoundException.class).expectNoEvents();
    }

    @Test
    void failingOnboardingRecordsTheReasonOnceAndLeavesAnUnlinkedIntegrationAsItIs() {
        fixture.givenCurrentTime(NOW)
               .andGiven(githubLinked(), VERIFIED)
               .when(new FailIntegration(ID, TENANT, LINKED_AT, "provider down", "chariot"))
               .expectEvents(new IntegrationFailed(KEY, TENANT, "github", "acme", "provider down", "chariot", NOW));
        fixture.givenCurrentTime(NOW)
               .andGiven(githubLinked(), new IntegrationFailed(KEY, TENANT, "github", "acme", "provider down",
                       "chariot", NOW))
               .when(new FailIntegration(ID, TENANT, LINKED_AT, "provider down", "chariot"))
               .expectNoEvents().expectSuccessfulHandlerExecution();
        fixture.givenCurrentTime(NOW)
               .andGiven(githubLinked(), new IntegrationUnlinked(KEY, TENANT, "github", "acme", TENANT, NOW))
               .when(new FailIntegration(ID, TENANT, LINKED_AT, "provider down", "chariot"))
               .expectNoEvents().expectSuccessfulHandlerExecution();
    }

    @Test
    void aFailedIntegrationIsNotVerifiedUntilLinkedAgain() {
        IntegrationFailed failed = new IntegrationFailed(KEY, TENANT, "github", "acme", "provider down", "chariot",
                NOW.minusSeconds(10));
        fixture.givenCurrentTime(NOW)
               .andGiven(githubLinked(), failed)
               .when(new VerifyIntegration(ID, TENANT, LINKED_AT, "chariot"))
               .expectException(Rejected.class).expectNoEvents();
        IntegrationLinked relinked = new IntegrationLinked(KEY, TENANT, "github", "acme", "readonly", CONFIG, "v1:y",
                null, TENANT, NOW.minusSeconds(5));
        fixture.givenCurrentTime(NOW)
               .andGiven(githubLinked(), failed, relinked)
               .when(new VerifyIntegration(ID, TENANT, relinked.at(), "chariot"))
               .expectEvents(new IntegrationVerified(KEY, TENANT, "github", "acme", "chariot", NOW));
    }

    @Test
    void commandsAboutAnEarlierLinkAreConflictsOrChangeNothing() {
        IntegrationLinked relinked = new IntegrationLinked(KEY, TENANT, "github", "acme", "readonly", CONFIG, "v1:y",
                null, TENANT, NOW.minusSeconds(5));
        fixture.givenCurrentTime(NOW)
               .andGiven(githubLinked(), relinked)
               .when(new VerifyIntegration(ID, TENANT, LINKED_AT, "chariot"))
               .expectException(Rejected.class).expectNoEvents();
        fixture.givenCurrentTime(NOW)
               .andGiven(githubLinked(), VERIFIED, relinked)
               .when(new ActivateIntegration(ID, TENANT, LINKED_AT, "chariot"))
               .expectException(Rejected.class).expectNoEvents();
        fixture.givenCurrentTime(NOW)
               .andGiven(githubLinked(), VERIFIED, relinked)
               .when(new FailIntegration(ID, TENANT, LINKED_AT, "provider down", "chariot"))
               .expectNoEvents().expectSuccessfulHandlerExecution();
    }
}
