package io.chariot.account.apikey;

import io.chariot.api.account.AccountCommands.IssueApiKey;
import io.chariot.api.account.AccountCommands.RevokeApiKey;
import io.chariot.api.account.AccountEvents.ApiKeyIssued;
import io.chariot.api.account.AccountEvents.ApiKeyRevoked;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class ApiKeyTest {

    private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
    private static final Instant NEXT_YEAR = Instant.parse("2026-06-01T12:00:00Z");
    private static final String KEY_ID = "4f1c2a9e-7d1b-4c55-9a0e-2f7b6c1d3e8a";
    private static final String TENANT = "user@example.com";
    private static final String HASH = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    private FixtureConfiguration<ApiKey> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(ApiKey.class);
    }

    @Test
    void issuingAKeyRecordsOnlyTheHashOfItsSecret() {
        fixture.givenCurrentTime(NOW)
               .when(new IssueApiKey(KEY_ID, TENANT, "ci", HASH, "admin", NEXT_YEAR, "alice"))
               .expectEvents(new ApiKeyIssued(KEY_ID, TENANT, "ci", HASH, "admin", NEXT_YEAR, "alice", NOW));
    }

    @Test
    void aKeyMayNeverExpire() {
        fixture.givenCurrentTime(NOW)
               .when(new IssueApiKey(KEY_ID, TENANT, "ci", HASH, "analyst", null, "alice"))
               .expectEvents(new ApiKeyIssued(KEY_ID, TENANT, "ci", HASH, "analyst", null, "alice", NOW));
    }

    @Test
    void aSecretInPlaceOfItsHashIsRejected() {
        fixture.givenCurrentTime(NOW)
               .when(new IssueApiKey(KEY_ID, TENANT, "ci", "my-plain-secret", "admin", null, "alice"))
               .expectException(IllegalArgumentException.class)
               .expectExceptionMessage(org.hamcrest.Matchers.containsString("never sent"))
               .expectNoEvents();
    }

    @Test
    void aKeyThatHasAlreadyExpiredIsRejected() {
        fixture.givenCurrentTime(NOW)
               .when(new IssueApiKey(KEY_ID, TENANT, "ci", HASH, "admin", NOW.minusSeconds(1), "alice"))
               .expectException(IllegalArgumentException.class)
               .expectNoEvents();
    }

    @Test
    void aKeyWithoutTenantOrRoleIsRejected() {
        fixture.givenCurrentTime(NOW)
               .when(new IssueApiKey(KEY_ID, " ", "ci", HASH, "admin", null, "alice"))
               .expectException(IllegalArgumentException.class)
               .expectNoEvents();
        fixture.givenCurrentTime(NOW)
               .when(new IssueApiKey(KEY_ID, TENANT, "ci", HASH, null, null, "alice"))
               .expectException(IllegalArgumentException.class)
               .expectNoEvents();
    }

    @Test
    void revokingAKeyRecordsWhoAndWhen() {
        fixture.givenCurrentTime(NOW)
               .andGiven(issued())
               .when(new RevokeApiKey(KEY_ID, TENANT, "bob"))
               .expectEvents(new ApiKeyRevoked(KEY_ID, TENANT, "bob", NOW))
               .expectState(key -> assertThat(key.revoked()).isTrue());
    }

    @Test
    void revokingTwiceIsANoOp() {
        fixture.givenCurrentTime(NOW)
               .andGiven(issued(), new ApiKeyRevoked(KEY_ID, TENANT, "bob", NOW))
               .when(new RevokeApiKey(KEY_ID, TENANT, "bob"))
               .expectNoEvents()
               .expectSuccessfulHandlerExecution();
    }

    @Test
    void revokingAnUnknownKeyFails() {
        fixture.givenCurrentTime(NOW)
               .when(new RevokeApiKey(KEY_ID, TENANT, "bob"))
               .expectException(AggregateNotFoundException.class);
    }

    @Test
    void revokingAnotherTenantsKeyFailsLikeAnUnknownKey() {
        fixture.givenCurrentTime(NOW)
               .andGiven(issued())
               .when(new RevokeApiKey(KEY_ID, "mallory@example.com", "mallory"))
               .expectException(AggregateNotFoundException.class)
               .expectNoEvents();
    }

    @Test
    void revokingAnswersTheKeysStateWithoutItsHash() {
        fixture.givenCurrentTime(NOW)
               .andGiven(issued())
               .when(new RevokeApiKey(KEY_ID, TENANT, "bob"))
               .expectResultMessagePayload(new io.chariot.api.account.AccountCommands.ApiKeyState(KEY_ID, TENANT,
                       "ci", "admin", NOW.minusSeconds(3600), "alice", null, "D", NOW, "bob"));
    }

    private static ApiKeyIssued issued() {
        return new ApiKeyIssued(KEY_ID, TENANT, "ci", HASH, "admin", null, "alice", NOW.minusSeconds(3600));
    }
}
