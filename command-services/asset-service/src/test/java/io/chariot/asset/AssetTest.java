package io.chariot.asset;

import io.chariot.api.asset.AssetEvents.AssetPurged;
import io.chariot.api.asset.AssetCommands.PurgeAsset;
import io.chariot.api.asset.AssetCommands.AddAttribute;
import io.chariot.api.asset.AssetCommands.AddPort;
import io.chariot.api.asset.AssetCommands.AssetState;
import io.chariot.api.asset.AssetCommands.DeleteAsset;
import io.chariot.api.asset.AssetCommands.RemoveAttribute;
import io.chariot.api.asset.AssetCommands.RemovePort;
import io.chariot.api.asset.AssetCommands.SeedAsset;
import io.chariot.api.asset.AssetCommands.UpdateAsset;
import io.chariot.api.asset.AssetCommands.UpsertAsset;
import io.chariot.api.asset.AssetEvents.AssetAttackSurfaceChanged;
import io.chariot.api.asset.AssetEvents.AssetDiscovered;
import io.chariot.api.asset.AssetEvents.AssetSourcePromoted;
import io.chariot.api.asset.AssetEvents.AssetStatusChanged;
import io.chariot.api.asset.AssetEvents.AssetVisited;
import io.chariot.api.asset.AssetEvents.AttributeAdded;
import io.chariot.api.asset.AssetEvents.AttributeRemoved;
import io.chariot.api.asset.AssetEvents.PortAdded;
import io.chariot.api.asset.AssetEvents.PortRemoved;
import io.chariot.api.asset.InvalidKeyException;
import io.chariot.api.rejection.Rejected;
import io.chariot.api.rejection.Rejection;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.axonframework.test.aggregate.TestExecutor;
import org.hamcrest.Matcher;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The asset aggregate's rules (chariot-api.md §2.3). Time is fixed: the fixture stamps events at {@link #NOW}, and
 * the aggregate takes {@code at} from the same clock.
 */
class AssetTest {

    private static final Instant EARLIER = Instant.parse("2025-05-01T08:00:00Z");
    private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
    private static final long TTL = NOW.plus(Duration.ofDays(30)).getEpochSecond();
    private static final long EARLIER_TTL = EARLIER.plus(Duration.ofDays(30)).getEpochSecond();

    private static final String TENANT = "user@example.com";
    private static final String KEY = "#asset#example.com#www.example.com";
    private static final String ID = TENANT + KEY;
    private static final String ATTRIBUTE_KEY = "#attribute#https#443" + KEY;
    private static final String PORT_KEY = "#port#tcp#443" + KEY;

    private FixtureConfiguration<Asset> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Asset.class);
    }

    // --- discovery ------------------------------------------------------------------------------------------------

    @Test
    void aNewAssetIsDiscoveredWithAServerSideLowerCasedKey() {
        fixture.givenCurrentTime(NOW)
               .when(UpsertAsset.of(TENANT, "Example.COM", "WWW.Example.com", null, null, List.of("external"), null,
                                    "alice"))
               .expectEvents(new AssetDiscovered(TENANT, KEY, "example.com", "www.example.com", "domain", false, "A",
                                                 "self", "alice", List.of("external"), TTL, null, "alice", NOW))
               .expectResultMessagePayload(new AssetState(KEY, "example.com", "www.example.com", "domain", false,
                                                          "A", "self", "alice", List.of("external"), NOW, NOW, NOW,
                                                          TTL));
    }

    @Test
    void aNewSeedIsPendingAndNeverExpires() {
        fixture.givenCurrentTime(NOW)
               .when(UpsertAsset.of(TENANT, "example.com", "example.com", null, "seed", null, "from the UI", "alice"))
               .expectEvents(new AssetDiscovered(TENANT, "#asset#example.com#example.com", "example.com",
                                                 "example.com", "tld", false, "P", "seed", "alice", List.of(), 0,
                                                 "from the UI", "alice", NOW));
    }

    @Test
    void aNewAccountAssetIsActivePermanentAndClassedByItsGroup() {
        fixture.givenCurrentTime(NOW)
               .when(UpsertAsset.of(TENANT, "GitHub", "praetorian-inc", null, "account", null, null, "alice"))
               .expectEvents(new AssetDiscovered(TENANT, "#asset#github#praetorian-inc", "github", "praetorian-inc",
                                                 "github", false, "A", "account", "alice", List.of(), 0, null,
                                                 "alice", NOW));
    }

    @Test
    void aNewPrivateAddressIsClassedAndMarkedPrivate() {
        fixture.givenCurrentTime(NOW)
               .when(UpsertAsset.of(TENANT, "example.com", "10.0.0.1", null, null, null, null, "nmap"))
               .expectEvents(new AssetDiscovered(TENANT, "#asset#example.com#10.0.0.1", "example.com", "10.0.0.1",
                                                 "ipv4", true, "A", "self", "nmap", List.of(), TTL, null, "nmap",
                                                 NOW));
    }

    @Test
    void aNewAssetTakesAnExplicitStatus() {
        fixture.givenCurrentTime(NOW)
               .when(UpsertAsset.of(TENANT, "example.com", "www.example.com", "F", "provided", null, null, "alice"))
               .expectEvents(new AssetDiscovered(TENANT, KEY, "example.com", "www.example.com", "domain", false, "F",
                                                 "provided", "alice", List.of(), TTL, null, "alice", NOW));
    }

    @Test
    void anUnknownStatusIsRejectedAndNothingIsApplied() {
        fixture.givenCurrentTime(NOW)
               .when(UpsertAsset.of(TENANT, "example.com", "www.example.com", "Z", null, null, null, "alice"))
               .expectException(rejected(Rejection.Code.INVALID, "unknown status 'Z'"))
               .expectNoEvents();

        fixture.givenCurrentTime(NOW)
               .andGiven(discovered("A", "self"))
               .when(new UpdateAsset(ID, TENANT, KEY, "deleted", null, "bye", "alice"))
               .expectException(Rejected.class)
               .expectNoEvents();
    }

    @Test
    void anUnknownSourceIsRejectedAndNothingIsApplied() {
        fixture.givenCurrentTime(NOW)
               .when(UpsertAsset.of(TENANT, "example.com", "www.example.com", null, "friend", null, null, "alice"))
               .expectException(rejected(Rejection.Code.INVALID, "unknown source 'friend'"))
               .expectNoEvents();
    }

    @Test
    void anyAttackSurfaceLabelIsKeptLowerCasedAndBlanksAreDropped() {
        fixture.givenCurrentTime(NOW)
               .when(UpsertAsset.of(TENANT, "example.com", "www.example.com", null, null,
                                    List.of("Test-Surface", "", "  ", "abc"), null, "alice"))
               .expectEvents(new AssetDiscovered(TENANT, KEY, "example.com", "www.example.com", "domain", false, "A",
                                                 "self", "alice", List.of("test-surface", "abc"), TTL, null, "alice",
                                                 NOW));
    }

    @Test
    void anUpsertWhoseIdDoesNotMatchItsTenantAndKeyIsRejected() {
        fixture.givenCurrentTime(NOW)
               .when(new UpsertAsset(TENANT + "#asset#other.com#other.com", TENANT, "example.com",
                                     "www.example.com", null, null, null, null, "alice"))
               .expectException(rejected(Rejection.Code.INVALID, "does not match"))
               .expectNoEvents();
    }

    @Test
    void anUpsertWithAnInvalidIdentityIsRejected() {
        fixture.givenCurrentTime(NOW)
               .when(new UpsertAsset(TENANT + "#asset#a#b", TENANT, "a#b", "b", null, null, null, null, "alice"))
               .expectException(InvalidKeyException.class)
               .expectNoEvents();
    }

    // --- re-discovery and user upserts -----------------------------------------------------------------------------

    @Test
    void aRediscoveryIsAVisitThatRefreshesTheTtl() {
        givenAsset("A", "self")
                .when(upsert(null, null, null, "nmap"))
                .expectEvents(new AssetVisited(TENANT, KEY, TTL, "nmap", NOW))
                .expectResultMessagePayloadMatching(state(s -> s.visited().equals(NOW) && s.ttl() == TTL
                                                               && s.created().equals(EARLIER)));
    }

    @Test
    void aSelfDiscoveryNeverDowngradesASeed() {
        givenAsset("P", "seed")
                .when(upsert("A", "self", null, "nmap"))
                .expectEvents(new AssetVisited(TENANT, KEY, 0, "nmap", NOW))
                .expectResultMessagePayloadMatching(state(s -> s.source().equals("seed") && s.status().equals("P")));
    }

    @Test
    void aSelfDiscoveryNeverOverridesAnAccountAssetsStatus() {
        givenAsset("F", "account")
                .when(upsert("A", null, null, "nmap"))
                .expectEvents(new AssetVisited(TENANT, KEY, 0, "nmap", NOW));
    }

    @Test
    void promotingAnAssetToASeedRecordsHistoryWithAnEmptyFrom() {
        // The promotion itself is the history record {from: "", to: status}: no status change is applied with it.
        givenAsset("A", "self")
                .when(upsert(null, "seed", null, "alice"))
                .expectEvents(new AssetSourcePromoted(TENANT, KEY, "self", "seed", "A", "alice", NOW),
                              new AssetVisited(TENANT, KEY, 0, "alice", NOW))
                .expectResultMessagePayloadMatching(state(s -> s.source().equals("seed") && s.status().equals("A")
                                                               && s.ttl() == 0));
    }

    @Test
    void promotingToAnAccountAssetMakesItPermanentToo() {
        givenAsset("A", "provided")
                .when(upsert(null, "account", null, "alice"))
                .expectEvents(new AssetSourcePromoted(TENANT, KEY, "provided", "account", "A", "alice", NOW),
                              new AssetVisited(TENANT, KEY, 0, "alice", NOW));
    }

    @Test
    void aPermanentAssetKeepsTtlZeroWhenVisited() {
        givenAsset("P", "seed")
                .when(upsert(null, "seed", null, "alice"))
                .expectEvents(new AssetVisited(TENANT, KEY, 0, "alice", NOW));
    }

    @Test
    void aUsersDifferentStatusIsAStatusChange() {
        givenAsset("A", "self")
                .when(new UpsertAsset(ID, TENANT, "example.com", "www.example.com", "F", "provided", null,
                                      "out of scope", "alice"))
                .expectEvents(new AssetStatusChanged(TENANT, KEY, "A", "F", "out of scope", "alice", NOW),
                              new AssetVisited(TENANT, KEY, TTL, "alice", NOW));
    }

    @Test
    void anExplicitStatusOnASelfAssetIsAStatusChange() {
        givenAsset("A", "self")
                .when(upsert("AH", "self", null, "alice"))
                .expectEvents(new AssetStatusChanged(TENANT, KEY, "A", "AH", null, "alice", NOW),
                              new AssetVisited(TENANT, KEY, TTL, "alice", NOW));
    }

    @Test
    void theSameStatusIsNoStatusChange() {
        givenAsset("A", "self")
                .when(upsert("A", "provided", null, "alice"))
                .expectEvents(new AssetVisited(TENANT, KEY, TTL, "alice", NOW));
    }

    @Test
    void aDeletedAssetReAddedByAUserComesBackActive() {
        givenAsset("A", "self")
                .andGiven(new AssetStatusChanged(TENANT, KEY, "A", "D", null, "alice", EARLIER))
                .when(upsert(null, "provided", null, "bob"))
                .expectEvents(new AssetStatusChanged(TENANT, KEY, "D", "A", null, "bob", NOW),
                              new AssetVisited(TENANT, KEY, TTL, "bob", NOW));
    }

    @Test
    void aDeletedAssetReAddedAsASeedComesBackPendingAndPermanent() {
        givenAsset("A", "self")
                .andGiven(new AssetStatusChanged(TENANT, KEY, "A", "D", null, "alice", EARLIER))
                .when(upsert(null, "seed", null, "bob"))
                .expectEvents(new AssetSourcePromoted(TENANT, KEY, "self", "seed", "D", "bob", NOW),
                              new AssetStatusChanged(TENANT, KEY, "D", "P", null, "bob", NOW),
                              new AssetVisited(TENANT, KEY, 0, "bob", NOW));
    }

    @Test
    void aScannerDoesNotBringADeletedAssetBack() {
        givenAsset("A", "self")
                .andGiven(new AssetStatusChanged(TENANT, KEY, "A", "D", null, "alice", EARLIER))
                .when(upsert(null, "self", List.of("external"), "nmap"))
                .expectNoEvents()
                .expectResultMessagePayloadMatching(state(s -> s.status().equals("D")));
    }

    @Test
    void aDifferentAttackSurfaceIsRecorded() {
        givenAsset("A", "self")
                .when(upsert(null, null, List.of("External", "cloud", "external"), "nmap"))
                .expectEvents(new AssetAttackSurfaceChanged(TENANT, KEY, List.of("external", "cloud"), "nmap", NOW),
                              new AssetVisited(TENANT, KEY, TTL, "nmap", NOW));
    }

    @Test
    void theSameAttackSurfaceInAnotherOrderIsNoChange() {
        fixture.givenCurrentTime(NOW)
               .andGiven(new AssetDiscovered(TENANT, KEY, "example.com", "www.example.com", "domain", false, "A",
                                             "self", "alice", List.of("external", "cloud"), EARLIER_TTL, null,
                                             "alice", EARLIER))
               .when(upsert(null, null, List.of("cloud", "external"), "nmap"))
               .expectEvents(new AssetVisited(TENANT, KEY, TTL, "nmap", NOW));
    }

    // --- updates and deletion --------------------------------------------------------------------------------------

    @Test
    void updatingAnUnknownAssetIsRejected() {
        fixture.givenCurrentTime(NOW)
               .when(UpdateAsset.of(TENANT, KEY, "F", null, null, "alice"))
               .expectException(AggregateNotFoundException.class)
               .expectNoEvents();
    }

    @Test
    void anUpdateChangesStatusAndAttackSurface() {
        givenAsset("A", "seed")
                .when(UpdateAsset.of(TENANT, KEY, "F", List.of("internal"), "frozen by the customer", "alice"))
                .expectEvents(new AssetStatusChanged(TENANT, KEY, "A", "F", "frozen by the customer", "alice", NOW),
                              new AssetAttackSurfaceChanged(TENANT, KEY, List.of("internal"), "alice", NOW))
                .expectResultMessagePayloadMatching(state(s -> s.status().equals("F")
                                                               && s.attackSurface().equals(List.of("internal"))
                                                               && s.updated().equals(NOW)));
    }

    @Test
    void anUpdateThatChangesNothingAppliesNothing() {
        givenAsset("A", "self")
                .when(UpdateAsset.of(TENANT, KEY, "A", List.of(), null, "alice"))
                .expectNoEvents()
                .expectResultMessagePayloadMatching(state(s -> s.status().equals("A")));
    }

    @Test
    void anUpdateCanBringADeletedAssetBack() {
        givenAsset("A", "self")
                .andGiven(new AssetStatusChanged(TENANT, KEY, "A", "D", null, "alice", EARLIER))
                .when(UpdateAsset.of(TENANT, KEY, "A", null, "restored", "alice"))
                .expectEvents(new AssetStatusChanged(TENANT, KEY, "D", "A", "restored", "alice", NOW));
    }

    @Test
    void deletingMovesTheAssetToDAndKeepsIt() {
        givenAsset("A", "self")
                .andGiven(attributeAdded())
                .when(DeleteAsset.of(TENANT, KEY, "decommissioned", "alice"))
                .expectEvents(new AssetStatusChanged(TENANT, KEY, "A", "D", "decommissioned", "alice", NOW))
                .expectResultMessagePayloadMatching(state(s -> s.status().equals("D") && s.key().equals(KEY)))
                .expectState(asset -> assertThat(asset.attributes()).containsOnlyKeys(ATTRIBUTE_KEY));
    }

    @Test
    void deletingADeletedAssetIsANoOp() {
        givenAsset("A", "self")
                .andGiven(new AssetStatusChanged(TENANT, KEY, "A", "D", null, "alice", EARLIER))
                .when(DeleteAsset.of(TENANT, KEY, null, "alice"))
                .expectNoEvents()
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void aCommandWhoseTenantDoesNotMatchTheAssetIsRejected() {
        givenAsset("A", "self")
                .when(new DeleteAsset(ID, "mallory@example.com", KEY, null, "mallory"))
                .expectException(rejected(Rejection.Code.INVALID, "does not match"))
                .expectNoEvents();
    }

    // --- attributes ------------------------------------------------------------------------------------------------

    @Test
    void anAttributeIsAddedWithAKeyThatEmbedsTheAssetKey() {
        givenAsset("A", "self")
                .when(AddAttribute.of(TENANT, KEY, " https ", "443", "nuclei", "alice"))
                .expectEvents(attributeAdded())
                .expectState(asset -> assertThat(asset.attributes().get(ATTRIBUTE_KEY).value()).isEqualTo("443"));
    }

    @Test
    void addingTheSameAttributeAgainAppliesNothing() {
        givenAsset("A", "self")
                .andGiven(attributeAdded())
                .when(AddAttribute.of(TENANT, KEY, "https", "443", "nuclei", "bob"))
                .expectNoEvents()
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void removingAnAttributeRemovesIt() {
        givenAsset("A", "self")
                .andGiven(attributeAdded())
                .when(RemoveAttribute.of(TENANT, ATTRIBUTE_KEY, "alice"))
                .expectEvents(new AttributeRemoved(TENANT, KEY, ATTRIBUTE_KEY, "alice", NOW))
                .expectState(asset -> assertThat(asset.attributes()).isEmpty());
    }

    @Test
    void removingAnUnknownAttributeIsRejected() {
        givenAsset("A", "self")
                .when(RemoveAttribute.of(TENANT, "#attribute#http#80" + KEY, "alice"))
                .expectException(rejected(Rejection.Code.INVALID, "has no attribute"))
                .expectNoEvents();
    }

    @Test
    void anAttributeWithAHashInItsNameIsRejected() {
        givenAsset("A", "self")
                .when(AddAttribute.of(TENANT, KEY, "a#b", "1", null, "alice"))
                .expectException(InvalidKeyException.class)
                .expectNoEvents();
    }

    @Test
    void attributesOfADeletedAssetCannotChange() {
        givenAsset("A", "self")
                .andGiven(attributeAdded(), new AssetStatusChanged(TENANT, KEY, "A", "D", null, "alice", EARLIER))
                .when(AddAttribute.of(TENANT, KEY, "http", "80", null, "alice"))
                .expectException(rejected(Rejection.Code.INVALID, "deleted asset"))
                .expectNoEvents();

        givenAsset("A", "self")
                .andGiven(attributeAdded(), new AssetStatusChanged(TENANT, KEY, "A", "D", null, "alice", EARLIER))
                .when(RemoveAttribute.of(TENANT, ATTRIBUTE_KEY, "alice"))
                .expectException(rejected(Rejection.Code.INVALID, "deleted asset"))
                .expectNoEvents();
    }

    @Test
    void anAttributeOfAnUnknownAssetIsRejected() {
        fixture.givenCurrentTime(NOW)
               .when(AddAttribute.of(TENANT, KEY, "https", "443", null, "alice"))
               .expectException(AggregateNotFoundException.class);
    }

    // --- ports -----------------------------------------------------------------------------------------------------

    @Test
    void aPortIsAddedWithALowerCasedProtocolInItsKey() {
        givenAsset("A", "self")
                .when(AddPort.of(TENANT, KEY, "TCP", 443, "https", "portscan", "alice"))
                .expectEvents(portAdded())
                .expectState(asset -> assertThat(asset.ports().get(PORT_KEY).port()).isEqualTo(443));
    }

    @Test
    void addingTheSamePortAgainAppliesNothing() {
        givenAsset("A", "self")
                .andGiven(portAdded())
                .when(AddPort.of(TENANT, KEY, "tcp", 443, "https", "portscan", "alice"))
                .expectNoEvents();
    }

    @Test
    void removingAPortRemovesIt() {
        givenAsset("A", "self")
                .andGiven(portAdded())
                .when(RemovePort.of(TENANT, PORT_KEY, "alice"))
                .expectEvents(new PortRemoved(TENANT, KEY, PORT_KEY, "alice", NOW))
                .expectState(asset -> assertThat(asset.ports()).isEmpty());
    }

    @Test
    void removingAnUnknownPortIsRejected() {
        givenAsset("A", "self")
                .when(RemovePort.of(TENANT, "#port#udp#53" + KEY, "alice"))
                .expectException(rejected(Rejection.Code.INVALID, "has no port"))
                .expectNoEvents();
    }

    @Test
    void anImpossiblePortIsRejected() {
        givenAsset("A", "self")
                .when(AddPort.of(TENANT, KEY, "tcp", 70000, null, null, "alice"))
                .expectException(InvalidKeyException.class)
                .expectNoEvents();
    }

    @Test
    void portsOfADeletedAssetCannotChange() {
        givenAsset("A", "self")
                .andGiven(new AssetStatusChanged(TENANT, KEY, "A", "D", null, "alice", EARLIER))
                .when(AddPort.of(TENANT, KEY, "tcp", 22, "ssh", null, "alice"))
                .expectException(rejected(Rejection.Code.INVALID, "deleted asset"))
                .expectNoEvents();
    }

    // --- seeding an existing asset (PUT /seed with a key) ---------------------------------------------------------

    @Test
    void seedingAnAssetByKeyPromotesItAndSetsTheRequestedStatus() {
        givenAsset("A", "self")
                .when(SeedAsset.of(TENANT, KEY, "P", "watch it", "alice"))
                .expectEvents(new AssetSourcePromoted(TENANT, KEY, "self", "seed", "A", "alice", NOW),
                              new AssetStatusChanged(TENANT, KEY, "A", "P", "watch it", "alice", NOW))
                .expectResultMessagePayloadMatching(state(s -> s.source().equals("seed") && s.status().equals("P")
                                                               && s.ttl() == 0));
    }

    @Test
    void deletingASeedIsAStatusChangeToDThatKeepsItASeed() {
        givenAsset("P", "seed")
                .when(SeedAsset.of(TENANT, KEY, "D", null, "alice"))
                .expectEvents(new AssetStatusChanged(TENANT, KEY, "P", "D", null, "alice", NOW));
    }

    @Test
    void seedingASeedWithItsOwnStatusChangesNothing() {
        givenAsset("A", "seed")
                .when(SeedAsset.of(TENANT, KEY, "A", null, "alice"))
                .expectNoEvents();
    }

    @Test
    void anAccountAssetStaysAnAccountAssetWhenSeeded() {
        givenAsset("A", "account")
                .when(SeedAsset.of(TENANT, KEY, "F", null, "alice"))
                .expectEvents(new AssetStatusChanged(TENANT, KEY, "A", "F", null, "alice", NOW));
    }

    @Test
    void seedingAnAssetThatDoesNotExistIsNotFoundAndCreatesNothing() {
        fixture.givenNoPriorActivity()
               .when(SeedAsset.of(TENANT, KEY, "A", null, "alice"))
               .expectException(AggregateNotFoundException.class)
               .expectNoEvents();
    }

    @Test
    void seedingWithAnUnknownStatusIsRejected() {
        givenAsset("A", "self")
                .when(SeedAsset.of(TENANT, KEY, "Q", null, "alice"))
                .expectException(rejected(Rejection.Code.INVALID, "unknown status"))
                .expectNoEvents();
    }

    // --- helpers ---------------------------------------------------------------------------------------------------

    @Test
    void commentsStopOnceTheAssetsHistoryIsFullWhileStatusChangesWithoutOneGoOn() {
        // four changes with 32 KiB comments fill the history the asset's table item may hold
        String comment = "c".repeat(32 * 1024 - 200);
        Object[] history = new Object[5];
        history[0] = discovered("A", "self");
        for (int i = 1; i < history.length; i++) {
            history[i] = new AssetStatusChanged(TENANT, KEY, i % 2 == 1 ? "A" : "F", i % 2 == 1 ? "F" : "A", comment,
                    "alice", EARLIER);
        }
        fixture.givenCurrentTime(NOW).andGiven(history)
                .when(new UpdateAsset(ID, TENANT, KEY, "F", null, comment, "alice"))
                .expectException(io.chariot.api.input.InvalidInputException.class)
                .expectExceptionMessage(org.hamcrest.Matchers.startsWith("comment: the history is full"))
                .expectNoEvents();
        fixture.givenCurrentTime(NOW).andGiven(history)
                .when(new DeleteAsset(ID, TENANT, KEY, null, "alice"))
                .expectEvents(new AssetStatusChanged(TENANT, KEY, "A", "D", null, "alice", NOW));
    }

    private TestExecutor<Asset> givenAsset(String status, String source) {
        return fixture.givenCurrentTime(NOW).andGiven(discovered(status, source));
    }

    private static AssetDiscovered discovered(String status, String source) {
        boolean permanent = source.equals("seed") || source.equals("account");
        return new AssetDiscovered(TENANT, KEY, "example.com", "www.example.com", "domain", false, status, source,
                                   "alice", List.of(), permanent ? 0 : EARLIER_TTL, null, "alice", EARLIER);
    }

    private static UpsertAsset upsert(String status, String source, List<String> attackSurface, String by) {
        return new UpsertAsset(ID, TENANT, "example.com", "www.example.com", status, source, attackSurface, null,
                               by);
    }

    private static AttributeAdded attributeAdded() {
        return new AttributeAdded(TENANT, KEY, ATTRIBUTE_KEY, "https", "443", "nuclei", TTL, "alice", NOW);
    }

    private static PortAdded portAdded() {
        return new PortAdded(TENANT, KEY, PORT_KEY, "tcp", 443, "https", "portscan", TTL, "alice", NOW);
    }

    /** Missing attributes and deleted assets are 400s in Chariot's contract too: the code is INVALID for all. */
    private static Matcher<?> rejected(Rejection.Code code, String messagePart) {
        return Matchers.allOf(Matchers.instanceOf(Rejected.class),
                              Matchers.hasProperty("message", Matchers.containsString(messagePart)),
                              new org.hamcrest.CustomTypeSafeMatcher<Rejected>("code " + code) {
                                  @Override
                                  protected boolean matchesSafely(Rejected e) {
                                      return e.rejection().code() == code;
                                  }
                              });
    }

    private static Matcher<?> state(java.util.function.Predicate<AssetState> predicate) {
        return new org.hamcrest.CustomTypeSafeMatcher<AssetState>("an asset state as expected") {
            @Override
            protected boolean matchesSafely(AssetState state) {
                return predicate.test(state);
            }
        };
    }

    // --- tenant purge ------------------------------------------------------------------------------------------

    @Test
    void aPurgeRemovesTheAssetForGoodAndAnswersThatItDid() {
        fixture.givenCurrentTime(EARLIER)
               .andGiven(discovered("A", "self"))
               .andGivenCurrentTime(NOW)
               .when(new PurgeAsset(ID, TENANT, KEY, "chariot"))
               .expectEvents(new AssetPurged(TENANT, KEY, "chariot", NOW))
               .expectResultMessagePayload(true);
    }

    @Test
    void purgingAPurgedAssetChangesNothingAndAnswersThatItDidNot() {
        fixture.givenCurrentTime(NOW)
               .andGiven(discovered("A", "self"), new AssetPurged(TENANT, KEY, "chariot", NOW))
               .when(new PurgeAsset(ID, TENANT, KEY, "chariot"))
               .expectNoEvents()
               .expectResultMessagePayload(false);
    }

    @Test
    void aPurgedAssetIsNotFoundAndAddingItAgainStartsANewOne() {
        fixture.givenCurrentTime(NOW)
               .andGiven(discovered("A", "self"), new AssetPurged(TENANT, KEY, "chariot", NOW))
               .when(UpdateAsset.of(TENANT, KEY, "F", null, null, "alice"))
               .expectException(AggregateNotFoundException.class);
        fixture.givenCurrentTime(NOW)
               .andGiven(discovered("A", "self"), new AssetPurged(TENANT, KEY, "chariot", NOW))
               .when(UpsertAsset.of(TENANT, "example.com", "www.example.com", null, null, List.of("external"),
                       null, "alice"))
               .expectEvents(new AssetDiscovered(TENANT, KEY, "example.com", "www.example.com", "domain", false,
                       "A", "self", "alice", List.of("external"), TTL, null, "alice", NOW));
    }
}
