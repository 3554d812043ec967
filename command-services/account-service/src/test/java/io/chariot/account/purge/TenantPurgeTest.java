package io.chariot.account.purge;

import io.chariot.api.account.AccountCommands;
import io.chariot.api.account.AccountCommands.RecordTenantPurge;
import io.chariot.api.account.AccountCommands.StartTenantPurge;
import io.chariot.api.account.AccountCommands.TenantPurgeState;
import io.chariot.api.account.AccountEvents.TenantPurgeStarted;
import io.chariot.api.account.AccountEvents.TenantPurged;
import io.chariot.api.rejection.Rejected;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

/** A tenant's purges: one runs at a time, its end is recorded once, and a purged tenant may be purged again. */
class TenantPurgeTest {

    private static final Instant EARLIER = Instant.parse("2025-05-01T08:00:00Z");
    private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
    private static final String TENANT = "owner@example.com";
    private static final String ID = AccountCommands.purgeAggregateId(TENANT);
    private static final Map<String, Long> REMOVED = Map.of("assets", 3L, "keys", 1L);

    private FixtureConfiguration<TenantPurge> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(TenantPurge.class);
    }

    @Test
    void anAdminStartsAPurgeThatRecordsWhoAndWhen() {
        fixture.givenCurrentTime(NOW)
               .when(StartTenantPurge.of(TENANT, "p-1", TENANT))
               .expectEvents(new TenantPurgeStarted(TENANT, "p-1", TENANT, NOW))
               .expectResultMessagePayload(new TenantPurgeState(TENANT, "p-1", "running", TENANT, NOW, null));
    }

    @Test
    void askingAgainWhileAPurgeRunsAnswersTheRunningOne() {
        fixture.givenCurrentTime(NOW)
               .andGiven(new TenantPurgeStarted(TENANT, "p-1", TENANT, EARLIER))
               .when(StartTenantPurge.of(TENANT, "p-2", TENANT))
               .expectNoEvents()
               .expectResultMessagePayload(new TenantPurgeState(TENANT, "p-1", "running", TENANT, EARLIER, null));
    }

    @Test
    void theEndIsRecordedOnceWithTheCountsAndWhoStartedIt() {
        fixture.givenCurrentTime(NOW)
               .andGiven(new TenantPurgeStarted(TENANT, "p-1", TENANT, EARLIER))
               .when(RecordTenantPurge.of(TENANT, "p-1", REMOVED, true, "chariot"))
               .expectEvents(new TenantPurged(TENANT, "p-1", REMOVED, true, TENANT, EARLIER, "chariot", NOW));
        fixture.givenCurrentTime(NOW)
               .andGiven(new TenantPurgeStarted(TENANT, "p-1", TENANT, EARLIER),
                       new TenantPurged(TENANT, "p-1", REMOVED, true, TENANT, EARLIER, "chariot", NOW))
               .when(RecordTenantPurge.of(TENANT, "p-1", REMOVED, true, "chariot"))
               .expectNoEvents();
    }

    @Test
    void aPurgedTenantMayBePurgedAgain() {
        fixture.givenCurrentTime(NOW)
               .andGiven(new TenantPurgeStarted(TENANT, "p-1", TENANT, EARLIER),
                       new TenantPurged(TENANT, "p-1", REMOVED, true, TENANT, EARLIER, "chariot", EARLIER))
               .when(StartTenantPurge.of(TENANT, "p-2", TENANT))
               .expectEvents(new TenantPurgeStarted(TENANT, "p-2", TENANT, NOW));
    }

    @Test
    void aPurgeOfAnotherTenantsAggregateIsRefused() {
        fixture.givenNoPriorActivity()
               .when(new StartTenantPurge(ID, "other@example.com", "p-1", "other@example.com"))
               .expectException(Rejected.class)
               .expectNoEvents();
    }
}
