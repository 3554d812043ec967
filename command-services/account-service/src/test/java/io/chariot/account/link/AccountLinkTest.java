package io.chariot.account.link;

import io.chariot.api.account.AccountCommands;
import io.chariot.api.account.AccountCommands.AccountLinkState;
import io.chariot.api.account.AccountCommands.LinkAccount;
import io.chariot.api.account.AccountCommands.UnlinkAccount;
import io.chariot.api.account.AccountEvents.AccountLinked;
import io.chariot.api.account.AccountEvents.AccountRoleChanged;
import io.chariot.api.account.AccountEvents.AccountUnlinked;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;

class AccountLinkTest {

    private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
    private static final String TENANT = "owner@example.com";
    private static final String MEMBER = "friend@example.com";
    private static final String KEY = AccountCommands.accountKey(TENANT, MEMBER, MEMBER);
    private static final String ID = AccountCommands.aggregateId(TENANT, KEY);

    private FixtureConfiguration<AccountLink> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(AccountLink.class);
    }

    private static LinkAccount link(String role) {
        return new LinkAccount(ID, TENANT, MEMBER, MEMBER, role, TENANT);
    }

    private static AccountLinked linked(String role) {
        return new AccountLinked(KEY, TENANT, MEMBER, MEMBER, role, TENANT, NOW.minusSeconds(60));
    }

    @Test
    void linkingACollaboratorRecordsTheLinkWithItsRole() {
        fixture.givenCurrentTime(NOW)
               .when(link("analyst"))
               .expectEvents(new AccountLinked(KEY, TENANT, MEMBER, MEMBER, "analyst", TENANT, NOW))
               .expectResultMessagePayload(new AccountLinkState(KEY, TENANT, MEMBER, MEMBER, "analyst", NOW, true));
    }

    @Test
    void anEmptyRoleMeansReadonly() {
        fixture.givenCurrentTime(NOW)
               .when(link(""))
               .expectEvents(new AccountLinked(KEY, TENANT, MEMBER, MEMBER, "readonly", TENANT, NOW));
    }

    @Test
    void rolesAreCaseInsensitive() {
        fixture.givenCurrentTime(NOW)
               .when(link("ADMIN"))
               .expectEvents(new AccountLinked(KEY, TENANT, MEMBER, MEMBER, "admin", TENANT, NOW));
    }

    @Test
    void anUnknownRoleIsRejected() {
        fixture.givenNoPriorActivity()
               .when(link("owner"))
               .expectException(IllegalArgumentException.class)
               .expectNoEvents();
    }

    @Test
    void anIntegrationIsNoCollaboratorLinkItIsLinkedWithLinkIntegration() {
        String key = AccountCommands.accountKey(TENANT, "github", "123");
        fixture.givenNoPriorActivity()
               .when(new LinkAccount(AccountCommands.aggregateId(TENANT, key), TENANT, "github", "123", "", TENANT))
               .expectException(IllegalArgumentException.class)
               .expectNoEvents();
    }

    @Test
    void aTenantCannotBeLinkedToItself() {
        String key = AccountCommands.accountKey(TENANT, TENANT, TENANT);
        fixture.givenNoPriorActivity()
               .when(new LinkAccount(AccountCommands.aggregateId(TENANT, key), TENANT, TENANT, TENANT, "admin", TENANT))
               .expectException(IllegalArgumentException.class)
               .expectNoEvents();
    }

    @Test
    void anIdentifierThatIsNotTenantPlusKeyIsRejected() {
        fixture.givenNoPriorActivity()
               .when(new LinkAccount("other@example.com" + KEY, TENANT, MEMBER, MEMBER, "admin", TENANT))
               .expectException(IllegalArgumentException.class)
               .expectNoEvents();
    }

    @Test
    void linkingAgainWithTheSameRoleChangesNothing() {
        fixture.givenCurrentTime(NOW)
               .andGiven(linked("admin"))
               .when(link("admin"))
               .expectNoEvents()
               .expectSuccessfulHandlerExecution();
    }

    @Test
    void linkingAgainWithAnotherRoleRecordsARoleChange() {
        fixture.givenCurrentTime(NOW)
               .andGiven(linked("readonly"))
               .when(link("admin"))
               .expectEvents(new AccountRoleChanged(KEY, TENANT, MEMBER, MEMBER, "readonly", "admin", TENANT, NOW))
               .expectResultMessagePayload(new AccountLinkState(KEY, TENANT, MEMBER, MEMBER, "admin", NOW, true));
    }

    @Test
    void unlinkingRemovesTheLink() {
        fixture.givenCurrentTime(NOW)
               .andGiven(linked("admin"))
               .when(new UnlinkAccount(ID, TENANT, MEMBER, MEMBER, TENANT))
               .expectEvents(new AccountUnlinked(KEY, TENANT, MEMBER, MEMBER, TENANT, NOW));
    }

    @Test
    void unlinkingAnUnlinkedMemberIsNotFound() {
        fixture.givenCurrentTime(NOW)
               .andGiven(linked("admin"), new AccountUnlinked(KEY, TENANT, MEMBER, MEMBER, TENANT, NOW))
               .when(new UnlinkAccount(ID, TENANT, MEMBER, MEMBER, TENANT))
               .expectException(AggregateNotFoundException.class)
               .expectNoEvents();
    }

    @Test
    void unlinkingALinkThatNeverExistedIsNotFound() {
        fixture.givenNoPriorActivity()
               .when(new UnlinkAccount(ID, TENANT, MEMBER, MEMBER, TENANT))
               .expectException(AggregateNotFoundException.class)
               .expectNoEvents();
    }

    @Test
    void anUnlinkedMemberCanBeLinkedAgain() {
        fixture.givenCurrentTime(NOW)
               .andGiven(linked("admin"), new AccountUnlinked(KEY, TENANT, MEMBER, MEMBER, TENANT, NOW))
               .when(link("readonly"))
               .expectEvents(new AccountLinked(KEY, TENANT, MEMBER, MEMBER, "readonly", TENANT, NOW));
    }
}
