package io.chariot.asset;

import io.chariot.api.asset.WebpageCommands.AddWebpage;
import io.chariot.api.asset.WebpageCommands.LinkWebpageSource;
import io.chariot.api.asset.WebpageCommands.RemoveWebpage;
import io.chariot.api.asset.WebpageCommands.UnlinkWebpageSource;
import io.chariot.api.asset.WebpageCommands.WebpageState;
import io.chariot.api.asset.WebpageEvents.WebpageAdded;
import io.chariot.api.asset.WebpageEvents.WebpageParentLinked;
import io.chariot.api.asset.WebpageEvents.WebpageRemoved;
import io.chariot.api.asset.WebpageEvents.WebpageSourceLinked;
import io.chariot.api.asset.WebpageEvents.WebpageSourceUnlinked;
import io.chariot.api.asset.WebpageEvents.WebpageVisited;
import io.chariot.api.rejection.Rejected;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.hamcrest.CustomTypeSafeMatcher;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;

/** The webpage aggregate's rules (tabularium webpage.go, ADR 0007). */
class WebpageTest {

    private static final Instant EARLIER = Instant.parse("2025-05-01T08:00:00Z");
    private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
    private static final long TTL = NOW.plus(Duration.ofDays(7)).getEpochSecond();
    private static final String TENANT = "user@example.com";
    private static final String URL = "https://app.example.com/login";
    private static final String KEY = "#webpage#" + URL;
    private static final String ID = TENANT + KEY;
    private static final String PARENT = "#webapplication#https://app.example.com/";
    private static final String FILE = "#file#src/login.js";

    private FixtureConfiguration<Webpage> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Webpage.class);
    }

    @Test
    void aNewWebpageIsActiveAndExpiresInSevenDays() {
        fixture.givenCurrentTime(NOW)
               .when(AddWebpage.of(TENANT, " " + URL + " ", null, null, "alice"))
               .expectEvents(new WebpageAdded(TENANT, KEY, URL, "A", null, TTL, "alice", NOW))
               .expectResultMessagePayload(new WebpageState(KEY, URL, "A", List.of(), List.of(), NOW, NOW, NOW,
                                                            TTL));
    }

    @Test
    void aWebpageAddedUnderAWebApplicationRecordsItsNormalisedKey() {
        fixture.givenCurrentTime(NOW)
               .when(AddWebpage.of(TENANT, URL, "A", "#webapplication#HTTPS://App.example.com", "alice"))
               .expectEvents(new WebpageAdded(TENANT, KEY, URL, "A", PARENT, TTL, "alice", NOW));
    }

    @Test
    void addingAKnownWebpageAgainVisitsItAndLinksANewParentOnce() {
        fixture.givenCurrentTime(NOW)
               .andGiven(added(null))
               .when(AddWebpage.of(TENANT, URL, null, PARENT, "bob"))
               .expectEvents(new WebpageParentLinked(TENANT, KEY, PARENT, "bob", NOW),
                             new WebpageVisited(TENANT, KEY, TTL, "bob", NOW));

        fixture.givenCurrentTime(NOW)
               .andGiven(added(PARENT))
               .when(AddWebpage.of(TENANT, URL, null, PARENT, "bob"))
               .expectEvents(new WebpageVisited(TENANT, KEY, TTL, "bob", NOW));
    }

    @Test
    void aSourceIsLinkedOnceAndUnlinkingOneThatIsNotLinkedChangesNothing() {
        fixture.givenCurrentTime(NOW)
               .andGiven(added(null), new WebpageSourceLinked(TENANT, KEY, FILE, "alice", EARLIER))
               .when(LinkWebpageSource.of(TENANT, KEY, FILE, "bob"))
               .expectNoEvents()
               .expectResultMessagePayloadMatching(state(s -> s.artifacts().equals(List.of(FILE))));

        fixture.givenCurrentTime(NOW)
               .andGiven(added(null))
               .when(UnlinkWebpageSource.of(TENANT, KEY, FILE, "bob"))
               .expectNoEvents()
               .expectResultMessagePayloadMatching(state(s -> s.artifacts().isEmpty()));

        fixture.givenCurrentTime(NOW)
               .andGiven(added(null), new WebpageSourceLinked(TENANT, KEY, FILE, "alice", EARLIER))
               .when(UnlinkWebpageSource.of(TENANT, KEY, FILE, "bob"))
               .expectEvents(new WebpageSourceUnlinked(TENANT, KEY, FILE, "bob", NOW));
    }

    @Test
    void aRemovedWebpageIsGoneUntilItIsAddedAgainAfresh() {
        fixture.givenCurrentTime(NOW)
               .andGiven(added(PARENT))
               .when(RemoveWebpage.of(TENANT, KEY, "alice"))
               .expectEvents(new WebpageRemoved(TENANT, KEY, "alice", NOW));

        fixture.givenCurrentTime(NOW)
               .andGiven(added(PARENT), new WebpageRemoved(TENANT, KEY, "alice", EARLIER))
               .when(LinkWebpageSource.of(TENANT, KEY, FILE, "bob"))
               .expectException(AggregateNotFoundException.class)
               .expectNoEvents();

        fixture.givenCurrentTime(NOW)
               .andGiven(added(PARENT), new WebpageRemoved(TENANT, KEY, "alice", EARLIER))
               .when(AddWebpage.of(TENANT, URL, null, null, "bob"))
               .expectEvents(new WebpageAdded(TENANT, KEY, URL, "A", null, TTL, "bob", NOW))
               .expectResultMessagePayloadMatching(state(s -> s.parents().isEmpty()));
    }

    @Test
    void removingAWebpageThatDoesNotExistIsNotFound() {
        fixture.givenCurrentTime(NOW)
               .when(RemoveWebpage.of(TENANT, KEY, "alice"))
               .expectException(AggregateNotFoundException.class);
    }

    @Test
    void anUnknownStatusIsRejectedAndNothingIsApplied() {
        fixture.givenCurrentTime(NOW)
               .when(new AddWebpage(ID, TENANT, URL, "Z", null, "alice"))
               .expectException(Rejected.class)
               .expectNoEvents();
    }

    @Test
    void anAddWhoseIdDoesNotMatchItsTenantAndUrlIsRejected() {
        fixture.givenCurrentTime(NOW)
               .when(new AddWebpage(TENANT + "#webpage#https://other.example.com/", TENANT, URL, null, null,
                                    "alice"))
               .expectException(Rejected.class)
               .expectNoEvents();
    }

    private static WebpageAdded added(String parent) {
        return new WebpageAdded(TENANT, KEY, URL, "A", parent, EARLIER.plus(Duration.ofDays(7)).getEpochSecond(),
                                "alice", EARLIER);
    }

    private static Matcher<?> state(Predicate<WebpageState> predicate) {
        return new CustomTypeSafeMatcher<WebpageState>("a webpage state as expected") {
            @Override
            protected boolean matchesSafely(WebpageState s) {
                return predicate.test(s);
            }
        };
    }
}
