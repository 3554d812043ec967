package io.chariot.asset;

import io.chariot.api.asset.AssetCommands.AddAttribute;
import io.chariot.api.asset.AssetCommands.AddPort;
import io.chariot.api.asset.AssetCommands.AttributeState;
import io.chariot.api.asset.AssetCommands.DeleteAsset;
import io.chariot.api.asset.AssetCommands.UpdateAsset;
import io.chariot.api.asset.AssetCommands.UpsertAsset;
import io.chariot.api.asset.AssetEvents.AssetAttackSurfaceChanged;
import io.chariot.api.asset.AssetEvents.AssetDiscovered;
import io.chariot.api.asset.AssetEvents.AssetGroupChanged;
import io.chariot.api.asset.AssetEvents.AssetStatusChanged;
import io.chariot.api.asset.AssetEvents.AssetVisited;
import io.chariot.api.asset.AssetEvents.AttributeAdded;
import io.chariot.api.asset.AssetKind;
import io.chariot.api.asset.InvalidKeyException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Web applications and AD domains share the asset aggregate's lifecycle; only their identity differs (ADR 0007). */
class AssetKindsTest {

    private static final Instant EARLIER = Instant.parse("2025-05-01T08:00:00Z");
    private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
    private static final long TTL = NOW.plus(Duration.ofDays(30)).getEpochSecond();
    private static final String TENANT = "user@example.com";
    private static final String WEBAPP = "#webapplication#https://app.example.com/";
    private static final String DOMAIN = "#addomain#corp.local#S-1-5-21-1-2-3";

    private FixtureConfiguration<Asset> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Asset.class);
    }

    @Test
    void aWebApplicationIsDiscoveredUnderItsNormalisedUrlWithItsNameAsGroup() {
        fixture.givenCurrentTime(NOW)
               .when(UpsertAsset.of(AssetKind.WEBAPPLICATION, TENANT, "My App", "HTTPS://App.example.com:443",
                                    "A", "provided", List.of("test-surface"), null, "alice"))
               .expectEvents(new AssetDiscovered(TENANT, WEBAPP, "My App", "https://app.example.com/",
                                                 "webapplication", false, "A", "provided", "alice",
                                                 List.of("test-surface"), TTL, null, "alice", NOW));
    }

    @Test
    void aWebApplicationAddedAgainUnderAnotherNameIsRenamed() {
        fixture.givenCurrentTime(NOW)
               .andGiven(webApplication())
               .when(UpsertAsset.of(AssetKind.WEBAPPLICATION, TENANT, "New Name", "https://app.example.com",
                                    null, "provided", null, null, "bob"))
               .expectEvents(new AssetGroupChanged(TENANT, WEBAPP, "New Name", "bob", NOW),
                             new AssetVisited(TENANT, WEBAPP, TTL, "bob", NOW))
               .expectState(asset -> assertThat(asset.currentState().dns()).isEqualTo("New Name"));
    }

    @Test
    void aWebApplicationIsUpdatedAndDeletedByAKeyInAnyCase() {
        fixture.givenCurrentTime(NOW)
               .andGiven(webApplication())
               .when(UpdateAsset.of(TENANT, "#webapplication#HTTPS://APP.example.com", "F", List.of("abc"), null,
                                    "alice"))
               .expectEvents(new AssetStatusChanged(TENANT, WEBAPP, "A", "F", null, "alice", NOW),
                             new AssetAttackSurfaceChanged(TENANT, WEBAPP, List.of("abc"), "alice", NOW));

        fixture.givenCurrentTime(NOW)
               .andGiven(webApplication())
               .when(DeleteAsset.of(TENANT, WEBAPP, null, "alice"))
               .expectEvents(new AssetStatusChanged(TENANT, WEBAPP, "A", "D", null, "alice", NOW));
    }

    @Test
    void anAdDomainIsDiscoveredByItsDomainAndObjectIdAndIsPrivate() {
        fixture.givenCurrentTime(NOW)
               .when(UpsertAsset.of(AssetKind.ADDOMAIN, TENANT, "Corp.Local", "s-1-5-21-1-2-3", "A", "provided",
                                    List.of("internal"), null, "alice"))
               .expectEvents(new AssetDiscovered(TENANT, DOMAIN, "corp.local", "S-1-5-21-1-2-3", "domain", true,
                                                 "A", "provided", "alice", List.of("internal"), TTL, null, "alice",
                                                 NOW));
    }

    @Test
    void anAdDomainWithAnObjectIdThatIsNoSidNorGuidIsRejected() {
        fixture.givenCurrentTime(NOW)
               .when(new UpsertAsset(TENANT + "#addomain#corp.local#X", TENANT, "corp.local", "x y", null, null,
                                     null, null, "alice", AssetKind.ADDOMAIN))
               .expectException(InvalidKeyException.class)
               .expectNoEvents();
    }

    @Test
    void anAttributeCanBelongToAWebApplicationAndIsReturnedAsItIs() {
        String key = "#attribute#id#42" + WEBAPP;
        fixture.givenCurrentTime(NOW)
               .andGiven(webApplication())
               .when(AddAttribute.of(TENANT, WEBAPP, "id", "42", null, "alice"))
               .expectEvents(new AttributeAdded(TENANT, WEBAPP, key, "id", "42", null, TTL, "alice", NOW))
               .expectResultMessagePayload(new AttributeState(key, WEBAPP, "id", "42", null, NOW, TTL))
               .expectState(asset -> assertThat(asset.attributes()).containsKey(key));
    }

    @Test
    void portsBelongToAssetsOnly() {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> AddPort.of(TENANT, WEBAPP, "tcp", 443, null, null, "alice"))
                .isInstanceOf(InvalidKeyException.class);
    }

    private static AssetDiscovered webApplication() {
        return new AssetDiscovered(TENANT, WEBAPP, "My App", "https://app.example.com/", "webapplication", false,
                                   "A", "provided", "alice", List.of(), EARLIER.plus(Duration.ofDays(30))
                                           .getEpochSecond(), null, "alice", EARLIER);
    }
}
