package io.chariot.risk;

import io.chariot.api.risk.RiskEvents.RiskPurged;
import io.chariot.api.risk.RiskCommands.PurgeRisk;
import io.chariot.api.asset.InvalidKeyException;
import io.chariot.api.rejection.Rejected;
import io.chariot.api.risk.RiskCommands.AddRisk;
import io.chariot.api.asset.AssetCommands.AttributeState;
import io.chariot.api.risk.RiskCommands.AddRiskAttribute;
import io.chariot.api.risk.RiskCommands.DeleteRisk;
import io.chariot.api.risk.RiskCommands.HistoryRecord;
import io.chariot.api.risk.RiskCommands.RemoveRiskAttribute;
import io.chariot.api.risk.RiskCommands.RiskState;
import io.chariot.api.risk.RiskCommands.UpdateRisk;
import io.chariot.api.risk.RiskEvents.RiskAttributeAdded;
import io.chariot.api.risk.RiskEvents.RiskAttributeRemoved;
import io.chariot.api.risk.RiskEvents.RiskCommentAdded;
import io.chariot.api.risk.RiskEvents.RiskHistoryRecordRemoved;
import io.chariot.api.risk.RiskEvents.RiskOpened;
import io.chariot.api.risk.RiskEvents.RiskStatusChanged;
import io.chariot.api.risk.RiskEvents.RiskTagsSet;
import io.chariot.api.risk.RiskEvents.RiskTargetAdded;
import io.chariot.api.risk.RiskEvents.RiskTicketsSet;
import io.chariot.api.risk.RiskEvents.RiskTitleChanged;
import io.chariot.api.risk.RiskEvents.RiskVisited;
import io.chariot.api.risk.RiskStatus;
import io.chariot.api.risk.Ticket;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The risk aggregate's rules (chariot-api.md §2.4). The fixture stamps events at {@link #NOW}. */
class RiskTest {

    private static final Instant EARLIER = Instant.parse("2025-05-01T08:00:00Z");
    private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
    private static final long TTL = NOW.plus(Duration.ofDays(30)).getEpochSecond();
    private static final long EARLIER_TTL = EARLIER.plus(Duration.ofDays(30)).getEpochSecond();

    private static final String TENANT = "user@example.com";
    private static final String ASSET = "#asset#example.com#1.2.3.4";
    private static final String OTHER_ASSET = "#asset#example.com#5.6.7.8";
    private static final String KEY = "#risk#example.com#CVE-2024-23049";
    private static final String ID = TENANT + KEY;

    private FixtureConfiguration<Risk> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Risk.class);
    }

    private static RiskOpened opened(String status) {
        return new RiskOpened(TENANT, KEY, "example.com", "CVE-2024-23049", "CVE-2024-23049", status,
                              RiskStatus.priority(status), "provided", ASSET, "hello", List.of(), EARLIER_TTL, "alice",
                              EARLIER);
    }

    private static RiskStatusChanged changed(String from, String to, long ttl, String comment) {
        return new RiskStatusChanged(TENANT, KEY, from, to, RiskStatus.priority(to), ttl, comment, "alice", EARLIER);
    }

    private static UpdateRisk update(String status, String comment, String title, List<String> tags, Integer remove) {
        return UpdateRisk.of(TENANT, KEY, status, comment, title, tags, remove, "bob");
    }

    private static <T> org.hamcrest.Matcher<Object> field(java.util.function.Function<RiskState, T> f, T expected) {
        return new org.hamcrest.TypeSafeMatcher<>(RiskState.class) {
            @Override
            protected boolean matchesSafely(Object item) {
                return expected.equals(f.apply((RiskState) item));
            }

            @Override
            public void describeTo(org.hamcrest.Description d) {
                d.appendValue(expected);
            }
        };
    }

    // --- opening --------------------------------------------------------------------------------------------------

    @Test
    void aNewRiskIsOpenedInTriageOnItsTargetWithAKeyFromTheTargetsGroup() {
        fixture.givenCurrentTime(NOW)
               .when(AddRisk.of(TENANT, "#asset#Example.com#1.2.3.4", null, "cve-2024-23049", "TH", null, "hello",
                                "", List.of("web", "web"), "alice"))
               .expectEvents(new RiskOpened(TENANT, KEY, "example.com", "CVE-2024-23049", "CVE-2024-23049", "TH", 10,
                                            "provided", ASSET, "hello", List.of("web"), TTL, "alice", NOW))
               .expectResultMessagePayloadMatching(field(RiskState::tags, List.of("web")));
    }

    @Test
    void aNonCveNameIsLowerCasedWithSpacesAsDashesAndTheTitleDefaultsToIt() {
        fixture.givenCurrentTime(NOW)
               .when(AddRisk.of(TENANT, ASSET, null, "Open SSH Port", "TL", null, null, "nuclei", null, "alice"))
               .expectEvents(new RiskOpened(TENANT, "#risk#example.com#open-ssh-port", "example.com", "open-ssh-port",
                                            "open-ssh-port", "TL", 30, "nuclei", ASSET, null, List.of(), TTL, "alice",
                                            NOW));
    }

    @Test
    void aGivenTitleIsKept() {
        fixture.givenCurrentTime(NOW)
               .when(AddRisk.of(TENANT, ASSET, null, "CVE-2024-23049", "TC", "RCE in thing", null, null, null, "a"))
               .expectEvents(new RiskOpened(TENANT, KEY, "example.com", "CVE-2024-23049", "RCE in thing", "TC", 0,
                                            "provided", ASSET, null, List.of(), TTL, "a", NOW));
    }

    @Test
    void aRiskWithoutStatusIsTriagedAsInfo() {
        fixture.givenCurrentTime(NOW)
               .when(AddRisk.of(TENANT, ASSET, null, "CVE-2024-23049", null, null, null, null, null, "a"))
               .expectEvents(new RiskOpened(TENANT, KEY, "example.com", "CVE-2024-23049", "CVE-2024-23049", "TI", 40,
                                            "provided", ASSET, null, List.of(), TTL, "a", NOW));
    }

    @Test
    void aRiskOnAnAttributeOrPortTakesTheParentAssetsGroup() {
        assertThat(AddRisk.of(TENANT, "#attribute#https#443" + ASSET, null, "weak-tls", "TM", null, null, null, null,
                              "a").riskId()).isEqualTo(TENANT + "#risk#example.com#weak-tls");
        assertThat(AddRisk.of(TENANT, "#port#tcp#22" + ASSET, null, "weak-ssh", "TM", null, null, null, null, "a")
                          .riskId()).isEqualTo(TENANT + "#risk#example.com#weak-ssh");
    }

    @Test
    void anExplicitDnsOverridesTheTargetsGroup() {
        assertThat(AddRisk.of(TENANT, ASSET, "Other.org", "x", "TM", null, null, null, null, "a").riskId())
                .isEqualTo(TENANT + "#risk#other.org#x");
    }

    @Test
    void aMissingNameOrABadTargetKeyIsRejectedBeforeAnyCommand() {
        assertThatThrownBy(() -> AddRisk.of(TENANT, ASSET, null, " ", "TH", null, null, null, null, "a"))
                .isInstanceOf(InvalidKeyException.class).hasMessageContaining("name is required");
        assertThatThrownBy(() -> AddRisk.of(TENANT, "#job#example.com", null, "x", "TH", null, null, null, null, "a"))
                .isInstanceOf(InvalidKeyException.class);
        assertThatThrownBy(() -> AddRisk.of(TENANT, ASSET, null, "a#b", "TH", null, null, null, null, "a"))
                .isInstanceOf(InvalidKeyException.class);
        assertThatThrownBy(() -> UpdateRisk.of(TENANT, "#risk#only-one-part", "OH", null, null, null, null, "a"))
                .isInstanceOf(InvalidKeyException.class);
    }

    @Test
    void anUnknownStatusIsRejectedAndNothingIsApplied() {
        fixture.givenCurrentTime(NOW)
               .when(AddRisk.of(TENANT, ASSET, null, "CVE-2024-23049", "TX", null, null, null, null, "a"))
               .expectException(InvalidKeyException.class)
               .expectExceptionMessage(Matchers.containsString("unknown risk status 'TX'"))
               .expectNoEvents();
        fixture.givenCurrentTime(NOW)
               .andGiven(opened("TH"))
               .when(update("DH", null, null, null, null))
               .expectExceptionMessage(Matchers.containsString("unknown risk status 'DH'"))
               .expectNoEvents();
    }

    @Test
    void aNewRiskOutsideTriageIsRejected() {
        fixture.givenCurrentTime(NOW)
               .when(AddRisk.of(TENANT, ASSET, null, "CVE-2024-23049", "OH", null, null, null, null, "a"))
               .expectException(Rejected.class)
               .expectNoEvents();
    }

    @Test
    void aCommandWhoseIdDoesNotMatchItsTenantAndKeyIsRejected() {
        fixture.givenCurrentTime(NOW)
               .when(new AddRisk(TENANT + "#risk#other.com#x", TENANT, ASSET, "example.com", "CVE-2024-23049", "TH",
                                 null, null, null, null, null, "a"))
               .expectException(Rejected.class)
               .expectNoEvents();
    }

    @Test
    void anUpdateOfAnUnknownRiskIsNotFound() {
        fixture.givenNoPriorActivity()
               .when(update("OH", null, null, null, null))
               .expectException(AggregateNotFoundException.class);
    }

    // --- re-detection ---------------------------------------------------------------------------------------------

    @Test
    void reDetectingOnTheSameTargetOnlyVisitsAndRefreshesTheTriageTtl() {
        fixture.givenCurrentTime(NOW)
               .andGiven(opened("TH"))
               .when(AddRisk.of(TENANT, ASSET, null, "CVE-2024-23049", "TH", null, null, null, null, "scanner"))
               .expectEvents(new RiskVisited(TENANT, KEY, ASSET, TTL, "scanner", NOW));
    }

    @Test
    void reDetectingOnAnotherTargetAddsTheTarget() {
        fixture.givenCurrentTime(NOW)
               .andGiven(opened("TH"))
               .when(AddRisk.of(TENANT, OTHER_ASSET, null, "CVE-2024-23049", "TH", null, null, null, null, "s"))
               .expectEvents(new RiskTargetAdded(TENANT, KEY, OTHER_ASSET, "s", NOW),
                             new RiskVisited(TENANT, KEY, OTHER_ASSET, TTL, "s", NOW))
               .expectResultMessagePayloadMatching(field(RiskState::targets, List.of(ASSET, OTHER_ASSET)));
    }

    @Test
    void reDetectingARemediatedRiskReopensItWithTheSameSeverity() {
        fixture.givenCurrentTime(NOW)
               .andGiven(opened("TH"), changed("TH", "RH", 0, null))
               .when(AddRisk.of(TENANT, ASSET, null, "CVE-2024-23049", "TH", null, null, null, null, "s"))
               .expectEvents(new RiskStatusChanged(TENANT, KEY, "RH", "OH", 10, 0, null, "s", NOW),
                             new RiskVisited(TENANT, KEY, ASSET, 0, "s", NOW));
    }

    @Test
    void reDetectingARiskOutsideTriageKeepsItPermanent() {
        fixture.givenCurrentTime(NOW)
               .andGiven(opened("TH"), changed("TH", "OH", 0, null))
               .when(AddRisk.of(TENANT, ASSET, null, "CVE-2024-23049", "TH", null, null, null, null, "s"))
               .expectEvents(new RiskVisited(TENANT, KEY, ASSET, 0, "s", NOW));
    }

    @Test
    void reAddingAKnownRiskWithATitleAndTagsSetsThemAfterTheVisit() {
        fixture.givenCurrentTime(NOW)
               .andGiven(opened("TH"))
               .when(AddRisk.of(TENANT, ASSET, null, "CVE-2024-23049", "TH", " Remote code ", null, null,
                                List.of("critical", "needs-review"), "bob"))
               .expectEvents(new RiskVisited(TENANT, KEY, ASSET, TTL, "bob", NOW),
                             new RiskTitleChanged(TENANT, KEY, "Remote code", "bob", NOW),
                             new RiskTagsSet(TENANT, KEY, List.of("critical", "needs-review"), "bob", NOW))
               .expectResultMessagePayloadMatching(field(RiskState::tags, List.of("critical", "needs-review")));
    }

    @Test
    void reAddingAKnownRiskWithoutTagsOrWithItsOwnTitleAndTagsKeepsThem() {
        fixture.givenCurrentTime(NOW)
               .andGiven(opened("TH"), new RiskTagsSet(TENANT, KEY, List.of("web"), "alice", EARLIER))
               .when(AddRisk.of(TENANT, ASSET, null, "CVE-2024-23049", "TH", "CVE-2024-23049", null, null,
                                List.of(), "s"))
               .expectEvents(new RiskVisited(TENANT, KEY, ASSET, TTL, "s", NOW))
               .expectResultMessagePayloadMatching(field(RiskState::tags, List.of("web")));
    }

    // --- attributes -----------------------------------------------------------------------------------------------

    private static final String SOURCE_ATTRIBUTE = "#attribute#source#webhook" + KEY;

    @Test
    void anAttributeOfARiskIsKeyedAfterItAndAddedOnceAndAnsweredWithTheTimeItWasAdded() {
        fixture.givenCurrentTime(NOW)
               .andGiven(opened("TH"))
               .when(AddRiskAttribute.of(TENANT, KEY, " source ", " webhook ", null, "hook"))
               .expectEvents(new RiskAttributeAdded(TENANT, KEY, SOURCE_ATTRIBUTE, "source", "webhook", null, TTL,
                                                    "hook", NOW))
               .expectResultMessagePayload(new AttributeState(SOURCE_ATTRIBUTE, KEY, "source", "webhook", null, NOW,
                                                              TTL));
        fixture.givenCurrentTime(NOW)
               .andGiven(opened("TH"), new RiskAttributeAdded(TENANT, KEY, SOURCE_ATTRIBUTE, "source", "webhook",
                                                              null, EARLIER_TTL, "hook", EARLIER))
               .when(AddRiskAttribute.of(TENANT, KEY, "source", "webhook", null, "hook"))
               .expectNoEvents()
               .expectResultMessagePayload(new AttributeState(SOURCE_ATTRIBUTE, KEY, "source", "webhook", null,
                                                              EARLIER, EARLIER_TTL));
    }

    @Test
    void removingAnAttributeDropsItAndRemovingOneTheRiskDoesNotHaveChangesNothing() {
        fixture.givenCurrentTime(NOW)
               .andGiven(opened("TH"), new RiskAttributeAdded(TENANT, KEY, SOURCE_ATTRIBUTE, "source", "webhook",
                                                              null, EARLIER_TTL, "hook", EARLIER))
               .when(RemoveRiskAttribute.of(TENANT, SOURCE_ATTRIBUTE, "bob"))
               .expectEvents(new RiskAttributeRemoved(TENANT, KEY, SOURCE_ATTRIBUTE, "bob", NOW));
        fixture.givenCurrentTime(NOW)
               .andGiven(opened("TH"), new RiskAttributeAdded(TENANT, KEY, SOURCE_ATTRIBUTE, "source", "webhook",
                                                              null, EARLIER_TTL, "hook", EARLIER),
                         new RiskAttributeRemoved(TENANT, KEY, SOURCE_ATTRIBUTE, "bob", EARLIER))
               .when(RemoveRiskAttribute.of(TENANT, SOURCE_ATTRIBUTE, "bob"))
               .expectNoEvents();
    }

    @Test
    void anAttributeOfAnUnknownRiskIsNotFoundAndAKeyOfAnotherParentIsRejected() {
        fixture.givenNoPriorActivity()
               .when(AddRiskAttribute.of(TENANT, KEY, "source", "webhook", null, "hook"))
               .expectException(AggregateNotFoundException.class);
        assertThatThrownBy(() -> RemoveRiskAttribute.of(TENANT, "#attribute#source#webhook" + ASSET, "bob"))
                .isInstanceOf(InvalidKeyException.class);
    }

    // --- updates --------------------------------------------------------------------------------------------------

    @Test
    void aCommentThatNoLongerFitsTheRisksHistoryIsRefusedButAStatusChangeWithoutOneIsRecorded() {
        String comment = "c".repeat(32 * 1024 - 200);
        fixture.givenCurrentTime(NOW)
               .andGiven(opened("TH"), changed("TH", "OH", 0, comment), changed("OH", "OM", 0, comment),
                         changed("OM", "OH", 0, comment), changed("OH", "OM", 0, comment))
               .when(update(null, comment, null, null, null))
               .expectException(io.chariot.api.input.InvalidInputException.class)
               .expectNoEvents();
        fixture.givenCurrentTime(NOW)
               .andGiven(opened("TH"), changed("TH", "OH", 0, comment), changed("OH", "OM", 0, comment),
                         changed("OM", "OH", 0, comment), changed("OH", "OM", 0, comment))
               .when(update("OH", null, null, null, null))
               .expectEvents(new RiskStatusChanged(TENANT, KEY, "OM", "OH", RiskStatus.priority("OH"), 0, null, "bob",
                       NOW));
    }

    @Test
    void aStatusChangeRecordsHistoryDerivesPriorityAndClearsTheTtlOnceOutOfTriage() {
        fixture.givenCurrentTime(NOW)
               .andGiven(opened("TH"))
               .when(update("OC", "confirmed", null, null, null))
               .expectEvents(new RiskStatusChanged(TENANT, KEY, "TH", "OC", 0, 0, "confirmed", "bob", NOW))
               .expectResultMessagePayload(new RiskState(KEY, "example.com", "CVE-2024-23049", "CVE-2024-23049",
                       "provided", "OC", 0, EARLIER, NOW, EARLIER, 0, "confirmed",
                       List.of(new HistoryRecord("TH", "OC", "bob", "confirmed", NOW)), List.of(), List.of(ASSET),
                       List.of()));
    }

    @Test
    void aStatusChangeWithinTriageKeepsTheTtl() {
        fixture.givenCurrentTime(NOW)
               .andGiven(opened("TH"))
               .when(update("TL", null, null, null, null))
               .expectEvents(new RiskStatusChanged(TENANT, KEY, "TH", "TL", 30, EARLIER_TTL, null, "bob", NOW));
    }

    @Test
    void theSameStatusWithACommentOnlyAddsANote() {
        fixture.givenCurrentTime(NOW)
               .andGiven(opened("TH"))
               .when(update("TH", "still there", null, null, null))
               .expectEvents(new RiskCommentAdded(TENANT, KEY, "still there", "bob", NOW));
    }

    @Test
    void aCommentAloneAddsANoteRecordWithoutFromOrTo() {
        fixture.givenCurrentTime(NOW)
               .andGiven(opened("TH"))
               .when(update(null, "a note", null, null, null))
               .expectEvents(new RiskCommentAdded(TENANT, KEY, "a note", "bob", NOW))
               .expectResultMessagePayloadMatching(field(RiskState::history, (
                       List.of(new HistoryRecord(null, null, "bob", "a note", NOW)))));
    }

    @Test
    void anUpdateThatChangesNothingAppliesNothing() {
        fixture.givenCurrentTime(NOW)
               .andGiven(opened("TH"))
               .when(update("TH", null, "CVE-2024-23049", List.of(), null))
               .expectNoEvents();
    }

    @Test
    void removingANoteDropsItAndRemovingAStatusRecordOnlyBlanksItsComment() {
        fixture.givenCurrentTime(NOW)
               .andGiven(opened("TH"), changed("TH", "OH", 0, "confirmed"),
                         new RiskCommentAdded(TENANT, KEY, "note", "alice", EARLIER))
               .when(update(null, null, null, null, -1))
               .expectEvents(new RiskHistoryRecordRemoved(TENANT, KEY, 1, true, "bob", NOW))
               .expectResultMessagePayloadMatching(field(RiskState::history, (
                       List.of(new HistoryRecord("TH", "OH", "alice", "confirmed", EARLIER)))));

        fixture.givenCurrentTime(NOW)
               .andGiven(opened("TH"), changed("TH", "OH", 0, "confirmed"),
                         new RiskCommentAdded(TENANT, KEY, "note", "alice", EARLIER))
               .when(update(null, null, null, null, 0))
               .expectEvents(new RiskHistoryRecordRemoved(TENANT, KEY, 0, false, "bob", NOW))
               .expectResultMessagePayloadMatching(field(RiskState::history, (
                       List.of(new HistoryRecord("TH", "OH", "alice", "", EARLIER),
                               new HistoryRecord(null, null, "alice", "note", EARLIER)))));
    }

    @Test
    void removingAnIndexOutsideTheHistoryIsRejected() {
        fixture.givenCurrentTime(NOW)
               .andGiven(opened("TH"))
               .when(update(null, null, null, null, -1))
               .expectException(Rejected.class)
               .expectNoEvents();
    }

    @Test
    void aNewTitleAndNewTagsAreRecorded() {
        fixture.givenCurrentTime(NOW)
               .andGiven(opened("TH"))
               .when(update(null, null, "Remote code execution", List.of("web", "prod", "web"), null))
               .expectEvents(new RiskTitleChanged(TENANT, KEY, "Remote code execution", "bob", NOW),
                             new RiskTagsSet(TENANT, KEY, List.of("web", "prod"), "bob", NOW));
    }

    // --- tickets --------------------------------------------------------------------------------------------------

    private static final Ticket JIRA = new Ticket("jira", "PROJ-1", "https://jira.example.com/browse/PROJ-1",
                                                  "In Progress", "Jane", null, null, List.of("security"));
    private static final Ticket ADO = new Ticket("azuredevops", "42", null, null, null, null, null, List.of());

    private static UpdateRisk tickets(List<Ticket> tickets) {
        return UpdateRisk.of(TENANT, KEY, null, null, null, null, tickets, null, "bob");
    }

    @Test
    void ticketsReplaceTheRisksTicketsTrimmedWithBlankMembersAsNull() {
        fixture.givenCurrentTime(NOW)
               .andGiven(opened("TH"))
               .when(tickets(List.of(new Ticket(" jira ", " PROJ-1 ", "https://jira.example.com/browse/PROJ-1 ",
                                                "In Progress", "Jane", " ", "", List.of("security", " ", "security")),
                                     new Ticket("azuredevops", "42", null, null, null, null, null, null))))
               .expectEvents(new RiskTicketsSet(TENANT, KEY, List.of(JIRA, ADO), "bob", NOW))
               .expectResultMessagePayloadMatching(field(RiskState::tickets, List.of(JIRA, ADO)));
    }

    @Test
    void aLaterTicketWithTheSameProviderAndIdReplacesTheEarlierOneInItsPlace() {
        Ticket done = new Ticket("jira", "PROJ-1", null, "Done", null, "Fixed", null, List.of());
        fixture.givenCurrentTime(NOW)
               .andGiven(opened("TH"))
               .when(tickets(List.of(JIRA, ADO, done)))
               .expectEvents(new RiskTicketsSet(TENANT, KEY, List.of(done, ADO), "bob", NOW));
    }

    @Test
    void anEmptyListClearsTheTickets() {
        fixture.givenCurrentTime(NOW)
               .andGiven(opened("TH"), new RiskTicketsSet(TENANT, KEY, List.of(JIRA), "alice", EARLIER))
               .when(tickets(List.of()))
               .expectEvents(new RiskTicketsSet(TENANT, KEY, List.of(), "bob", NOW))
               .expectResultMessagePayloadMatching(field(RiskState::tickets, List.<Ticket>of()));
    }

    @Test
    void theSameTicketsInAnyOrderOrNoTicketsAtAllChangeNothing() {
        fixture.givenCurrentTime(NOW)
               .andGiven(opened("TH"), new RiskTicketsSet(TENANT, KEY, List.of(JIRA, ADO), "alice", EARLIER))
               .when(tickets(List.of(ADO, JIRA)))
               .expectNoEvents()
               .expectResultMessagePayloadMatching(field(RiskState::tickets, List.of(JIRA, ADO)));
        fixture.givenCurrentTime(NOW)
               .andGiven(opened("TH"), new RiskTicketsSet(TENANT, KEY, List.of(JIRA), "alice", EARLIER))
               .when(tickets(null))
               .expectNoEvents();
        fixture.givenCurrentTime(NOW)
               .andGiven(opened("TH"))
               .when(tickets(List.of()))
               .expectNoEvents();
    }

    @Test
    void aTicketWithoutAProviderOrAnIdIsRejectedAndNothingIsApplied() {
        for (Ticket bad : java.util.Arrays.asList(new Ticket(null, "PROJ-2", null, null, null, null, null, null),
                                                  new Ticket("jira", " ", null, null, null, null, null, null),
                                                  null)) {
            fixture.givenCurrentTime(NOW)
                   .andGiven(opened("TH"))
                   .when(UpdateRisk.of(TENANT, KEY, "OH", null, "new title", null,
                                       java.util.Arrays.asList(JIRA, bad), null, "bob"))
                   .expectException(Rejected.class)
                   .expectExceptionMessage(Matchers.containsString("provider and an id"))
                   .expectNoEvents();
        }
    }

    @Test
    void aNewRiskAddedWithTicketsIsOpenedAndThenGetsThem() {
        fixture.givenCurrentTime(NOW)
               .when(AddRisk.of(TENANT, ASSET, null, "CVE-2024-23049", "TH", null, null, null, null, List.of(JIRA),
                                "alice"))
               .expectEvents(new RiskOpened(TENANT, KEY, "example.com", "CVE-2024-23049", "CVE-2024-23049", "TH", 10,
                                            "provided", ASSET, null, List.of(), TTL, "alice", NOW),
                             new RiskTicketsSet(TENANT, KEY, List.of(JIRA), "alice", NOW))
               .expectResultMessagePayloadMatching(field(RiskState::tickets, List.of(JIRA)));
    }

    @Test
    void reAddingAKnownRiskWithTicketsSetsThemAfterTheVisitAndWithoutTicketsKeepsThem() {
        fixture.givenCurrentTime(NOW)
               .andGiven(opened("TH"))
               .when(AddRisk.of(TENANT, ASSET, null, "CVE-2024-23049", "TH", null, null, null, null, List.of(ADO),
                                "alice"))
               .expectEvents(new RiskVisited(TENANT, KEY, ASSET, TTL, "alice", NOW),
                             new RiskTicketsSet(TENANT, KEY, List.of(ADO), "alice", NOW));
        fixture.givenCurrentTime(NOW)
               .andGiven(opened("TH"), new RiskTicketsSet(TENANT, KEY, List.of(ADO), "alice", EARLIER))
               .when(AddRisk.of(TENANT, ASSET, null, "CVE-2024-23049", "TH", null, null, null, null, "scanner"))
               .expectEvents(new RiskVisited(TENANT, KEY, ASSET, TTL, "scanner", NOW))
               .expectResultMessagePayloadMatching(field(RiskState::tickets, List.of(ADO)));
    }

    @Test
    void aTicketReadsAsTabulariumWritesItWithUnsetMembersLeftOut() {
        assertThat(JIRA.toWire()).containsExactly(
                java.util.Map.entry("provider", "jira"), java.util.Map.entry("id", "PROJ-1"),
                java.util.Map.entry("link", "https://jira.example.com/browse/PROJ-1"),
                java.util.Map.entry("status", "In Progress"), java.util.Map.entry("assignee", "Jane"),
                java.util.Map.entry("labels", List.of("security")));
        assertThat(ADO.toWire()).containsOnlyKeys("provider", "id");
    }

    // --- deletion -------------------------------------------------------------------------------------------------

    @Test
    void deletingIsAStatusChangeToTheGivenDeletedStatusWithHistory() {
        fixture.givenCurrentTime(NOW)
               .andGiven(opened("TL"), changed("TL", "OL", 0, null))
               .when(DeleteRisk.of(TENANT, KEY, "DOL", "gone", "bob"))
               .expectException(InvalidKeyException.class)
               .expectNoEvents();
        fixture.givenCurrentTime(NOW)
               .andGiven(opened("TL"), changed("TL", "OL", 0, null))
               .when(DeleteRisk.of(TENANT, KEY, "DLF", "false positive", "bob"))
               .expectEvents(new RiskStatusChanged(TENANT, KEY, "OL", "DLF", 30, 0, "false positive", "bob", NOW));
    }

    @Test
    void deletingWithoutAStatusUsesOtherWithTheCurrentSeverity() {
        fixture.givenCurrentTime(NOW)
               .andGiven(opened("TH"))
               .when(DeleteRisk.of(TENANT, KEY, null, null, "bob"))
               .expectEvents(new RiskStatusChanged(TENANT, KEY, "TH", "DHO", 10, 0, null, "bob", NOW));
    }

    @Test
    void deletingWithAStatusThatIsNotADeletedOneIsRejected() {
        fixture.givenCurrentTime(NOW)
               .andGiven(opened("TH"))
               .when(DeleteRisk.of(TENANT, KEY, "OH", null, "bob"))
               .expectException(Rejected.class)
               .expectNoEvents();
    }

    @Test
    void deletingADeletedRiskAgainWithTheSameStatusChangesNothing() {
        fixture.givenCurrentTime(NOW)
               .andGiven(opened("TH"), changed("TH", "DHO", 0, null))
               .when(DeleteRisk.of(TENANT, KEY, "DHO", null, "bob"))
               .expectNoEvents();
    }

    @Test
    void reDetectingADeletedRiskDoesNotBringItBack() {
        fixture.givenCurrentTime(NOW)
               .andGiven(opened("TH"), changed("TH", "DHF", 0, "false positive"))
               .when(AddRisk.of(TENANT, ASSET, null, "CVE-2024-23049", "TH", null, null, null, null, "scanner"))
               .expectEvents(new RiskVisited(TENANT, KEY, ASSET, 0, "scanner", NOW))
               .expectResultMessagePayloadMatching(field(RiskState::status, "DHF"));
    }

    @Test
    void anUpdateCanMoveADeletedRiskBackWithHistory() {
        fixture.givenCurrentTime(NOW)
               .andGiven(opened("TH"), changed("TH", "DHF", 0, null))
               .when(update("OH", "not a false positive after all", null, null, null))
               .expectEvents(new RiskStatusChanged(TENANT, KEY, "DHF", "OH", 10, 0, "not a false positive after all",
                                                   "bob", NOW));
    }

    @Test
    void everyCommandReturnsTheResultingStateIncludingHistoryAndTargets() {
        fixture.givenCurrentTime(NOW)
               .andGiven(opened("TH"), new RiskTargetAdded(TENANT, KEY, OTHER_ASSET, "s", EARLIER))
               .when(DeleteRisk.of(TENANT, KEY, "DHD", "dup", "bob"))
               .expectResultMessagePayload(new RiskState(KEY, "example.com", "CVE-2024-23049", "CVE-2024-23049",
                       "provided", "DHD", 10, EARLIER, NOW, EARLIER, 0, "dup",
                       List.of(new HistoryRecord("TH", "DHD", "bob", "dup", NOW)), List.of(),
                       List.of(ASSET, OTHER_ASSET), List.of()));
    }

    // --- the status grammar ---------------------------------------------------------------------------------------

    @Test
    void theStatusGrammarAcceptsExactlyChariotsCodes() {
        for (String ok : List.of("TI", "TL", "TM", "TH", "TC", "OE", "OI", "OL", "OM", "OH", "OC", "IE", "IC", "RE",
                                 "RC", "DHF", "DLS", "DMO", "DCD", "DEO")) {
            assertThat(RiskStatus.isValid(ok)).as(ok).isTrue();
        }
        for (String bad : List.of("", "T", "TE", "OX", "XH", "DH", "DHX", "OHF", "th", "THF")) {
            assertThat(RiskStatus.isValid(bad)).as(bad).isFalse();
        }
    }

    @Test
    void priorityFollowsSeverity() {
        assertThat(List.of("OC", "OH", "OM", "OL", "OI", "OE", "").stream().map(RiskStatus::priority).toList())
                .containsExactly(0, 10, 20, 30, 40, 50, 60);
    }

    // --- tenant purge ------------------------------------------------------------------------------------------

    @Test
    void aPurgeRemovesTheRiskForGoodOnceAndIsNotFoundAfter() {
        fixture.givenCurrentTime(NOW)
               .andGiven(opened("TH"))
               .when(new PurgeRisk(ID, TENANT, KEY, "chariot"))
               .expectEvents(new RiskPurged(TENANT, KEY, "chariot", NOW))
               .expectResultMessagePayload(true);
        fixture.givenCurrentTime(NOW)
               .andGiven(opened("TH"), new RiskPurged(TENANT, KEY, "chariot", NOW))
               .when(new PurgeRisk(ID, TENANT, KEY, "chariot"))
               .expectNoEvents()
               .expectResultMessagePayload(false);
        fixture.givenCurrentTime(NOW)
               .andGiven(opened("TH"), new RiskPurged(TENANT, KEY, "chariot", NOW))
               .when(DeleteRisk.of(TENANT, KEY, null, null, "alice"))
               .expectException(AggregateNotFoundException.class)
               .expectNoEvents();
    }
}
