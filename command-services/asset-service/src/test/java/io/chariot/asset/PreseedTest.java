package io.chariot.asset;

import io.chariot.api.asset.AssetCommands.AddPreseed;
import io.chariot.api.asset.AssetCommands.PreseedState;
import io.chariot.api.asset.AssetCommands.RemovePreseed;
import io.chariot.api.asset.AssetCommands.UpdatePreseed;
import io.chariot.api.asset.AssetEvents.PreseedAdded;
import io.chariot.api.asset.AssetEvents.PreseedRemoved;
import io.chariot.api.asset.AssetEvents.PreseedStatusChanged;
import io.chariot.api.asset.InvalidKeyException;
import io.chariot.api.rejection.Rejected;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.axonframework.test.aggregate.TestExecutor;
import org.hamcrest.CustomTypeSafeMatcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The preseed aggregate's rules (chariot-api.md §2.5, praetorian-cli preseeds). */
class PreseedTest {

    private static final Instant EARLIER = Instant.parse("2025-05-01T08:00:00Z");
    private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
    private static final String TENANT = "user@example.com";
    private static final String KEY = "#preseed#whois+company#Example Company#example company";
    private static final long TTL = NOW.plus(Duration.ofDays(30)).getEpochSecond();

    private FixtureConfiguration<Preseed> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Preseed.class);
    }

    @Test
    void aNewPreseedIsKeyedByTypeTitleAndValueAndExpiresInThirtyDays() {
        fixture.givenCurrentTime(NOW)
               .when(AddPreseed.of(TENANT, " whois+company", "Example Company ", "example company", "A", null, "alice"))
               .expectEvents(new PreseedAdded(TENANT, KEY, "whois+company", "Example Company", "example company", "A",
                                              TTL, null, "alice", NOW))
               .expectResultMessagePayloadMatching(state(s -> s.key().equals(KEY) && s.status().equals("A")));
    }

    @Test
    void aPreseedAddedWithoutStatusIsActive() {
        fixture.givenCurrentTime(NOW)
               .when(AddPreseed.of(TENANT, "whois+company", "Example Company", "example company", null, null, "alice"))
               .expectEvents(new PreseedAdded(TENANT, KEY, "whois+company", "Example Company", "example company", "A",
                                              TTL, null, "alice", NOW));
    }

    @Test
    void aPreseedCannotBeAddedPending() {
        fixture.givenCurrentTime(NOW)
               .when(AddPreseed.of(TENANT, "whois+company", "Example Company", "example company", "P", null, "alice"))
               .expectException(Rejected.class)
               .expectNoEvents();
    }

    @Test
    void anUnknownStatusIsRejected() {
        fixture.givenCurrentTime(NOW)
               .when(AddPreseed.of(TENANT, "whois+company", "Example Company", "example company", "X", null, "alice"))
               .expectException(Rejected.class)
               .expectNoEvents();
    }

    @Test
    void fieldsThatWouldBreakTheKeyAreRejectedBeforeAnyCommandIsSent() {
        assertThatThrownBy(() -> AddPreseed.of(TENANT, "whois#company", "t", "v", "A", null, "alice"))
                .isInstanceOf(InvalidKeyException.class);
        assertThatThrownBy(() -> AddPreseed.of(TENANT, "whois+company", " ", "v", "A", null, "alice"))
                .isInstanceOf(InvalidKeyException.class);
        assertThatThrownBy(() -> UpdatePreseed.of(TENANT, "#asset#example.com#example.com", "A", null, "alice"))
                .isInstanceOf(InvalidKeyException.class);
    }

    @Test
    void reAddingAnExistingPreseedOnlyChangesADifferentStatus() {
        givenPreseed()
                .when(AddPreseed.of(TENANT, "whois+company", "Example Company", "example company", "F", "later", "bob"))
                .expectEvents(new PreseedStatusChanged(TENANT, KEY, "A", "F", "later", "bob", NOW));
        givenPreseed()
                .when(AddPreseed.of(TENANT, "whois+company", "Example Company", "example company", "A", null, "bob"))
                .expectNoEvents();
    }

    @Test
    void anUpdateChangesTheStatusWithItsCommentForTheHistory() {
        givenPreseed()
                .when(UpdatePreseed.of(TENANT, KEY, "F", "Temporarily frozen pending review", "bob"))
                .expectEvents(new PreseedStatusChanged(TENANT, KEY, "A", "F", "Temporarily frozen pending review",
                                                       "bob", NOW))
                .expectResultMessagePayloadMatching(state(s -> s.status().equals("F")));
    }

    @Test
    void anUpdateMayMoveAPreseedToPending() {
        givenPreseed()
                .when(UpdatePreseed.of(TENANT, KEY, "P", null, "bob"))
                .expectEvents(new PreseedStatusChanged(TENANT, KEY, "A", "P", null, "bob", NOW));
    }

    @Test
    void anUpdateToTheSameStatusChangesNothing() {
        givenPreseed().when(UpdatePreseed.of(TENANT, KEY, "A", null, "bob")).expectNoEvents();
    }

    @Test
    void updatingOrRemovingAPreseedThatNeverExistedIsNotFound() {
        fixture.givenNoPriorActivity().when(UpdatePreseed.of(TENANT, KEY, "F", null, "bob"))
               .expectException(AggregateNotFoundException.class).expectNoEvents();
        fixture.givenNoPriorActivity().when(RemovePreseed.of(TENANT, KEY, "bob"))
               .expectException(AggregateNotFoundException.class).expectNoEvents();
    }

    @Test
    void removingDeletesThePreseedForGoodSoUpdatingItAfterwardsIsNotFound() {
        givenPreseed().when(RemovePreseed.of(TENANT, KEY, "bob"))
                .expectEvents(new PreseedRemoved(TENANT, KEY, "bob", NOW));
        givenPreseed().andGiven(new PreseedRemoved(TENANT, KEY, "bob", EARLIER))
                .when(UpdatePreseed.of(TENANT, KEY, "F", null, "bob"))
                .expectException(AggregateNotFoundException.class).expectNoEvents();
    }

    @Test
    void aRemovedPreseedCanBeAddedAgain() {
        givenPreseed().andGiven(new PreseedRemoved(TENANT, KEY, "bob", EARLIER))
                .when(AddPreseed.of(TENANT, "whois+company", "Example Company", "example company", "F", null, "carol"))
                .expectEvents(new PreseedAdded(TENANT, KEY, "whois+company", "Example Company", "example company", "F",
                                               TTL, null, "carol", NOW));
    }

    private TestExecutor<Preseed> givenPreseed() {
        return fixture.givenCurrentTime(NOW).andGiven(new PreseedAdded(TENANT, KEY, "whois+company",
                "Example Company", "example company", "A", EARLIER.plus(Duration.ofDays(30)).getEpochSecond(), null,
                "alice", EARLIER));
    }

    private static CustomTypeSafeMatcher<PreseedState> state(Predicate<PreseedState> predicate) {
        return new CustomTypeSafeMatcher<>("a preseed state as expected") {
            @Override
            protected boolean matchesSafely(PreseedState s) {
                return predicate.test(s);
            }
        };
    }
}
