package io.chariot.account.setting;

import io.chariot.api.account.AccountCommands;
import io.chariot.api.account.AccountCommands.RemoveSetting;
import io.chariot.api.account.AccountCommands.SettingState;
import io.chariot.api.account.AccountCommands.StoreSetting;
import io.chariot.api.account.AccountEvents.SettingRemoved;
import io.chariot.api.account.AccountEvents.SettingStored;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;

class SettingTest {

    private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
    private static final String TENANT = "owner@example.com";
    private static final String KEY = "#setting#scan-level";
    private static final String ID = AccountCommands.aggregateId(TENANT, KEY);

    private FixtureConfiguration<Setting> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Setting.class);
    }

    private static StoreSetting store(String value) {
        return new StoreSetting(ID, TENANT, KEY, "scan-level", value, TENANT);
    }

    private static SettingStored stored(String value) {
        return new SettingStored(KEY, TENANT, "scan-level", value, TENANT, NOW.minusSeconds(60));
    }

    @Test
    void storingASettingRecordsItsJsonValue() {
        fixture.givenCurrentTime(NOW)
               .when(store("{\"level\":3}"))
               .expectEvents(new SettingStored(KEY, TENANT, "scan-level", "{\"level\":3}", TENANT, NOW))
               .expectResultMessagePayload(new SettingState(KEY, TENANT, "scan-level", "{\"level\":3}", NOW, true));
    }

    @Test
    void aConfigurationIsStoredUnderItsOwnPrefix() {
        String key = "#configuration#nuclei";
        fixture.givenCurrentTime(NOW)
               .when(new StoreSetting(AccountCommands.aggregateId(TENANT, key), TENANT, key, "nuclei", "[1,2]", TENANT))
               .expectEvents(new SettingStored(key, TENANT, "nuclei", "[1,2]", TENANT, NOW));
    }

    @Test
    void jsonNullIsAValue() {
        fixture.givenCurrentTime(NOW)
               .when(store("null"))
               .expectEvents(new SettingStored(KEY, TENANT, "scan-level", "null", TENANT, NOW));
    }

    @Test
    void aMissingValueIsRejected() {
        fixture.givenNoPriorActivity()
               .when(store(null))
               .expectException(IllegalArgumentException.class)
               .expectNoEvents();
    }

    @Test
    void aBlankNameIsRejected() {
        fixture.givenNoPriorActivity()
               .when(new StoreSetting(AccountCommands.aggregateId(TENANT, "#setting# "), TENANT, "#setting# ", " ", "1",
                       TENANT))
               .expectException(IllegalArgumentException.class)
               .expectNoEvents();
    }

    @Test
    void aKeyThatIsNotASettingOrConfigurationIsRejected() {
        fixture.givenNoPriorActivity()
               .when(new StoreSetting(AccountCommands.aggregateId(TENANT, "#asset#x"), TENANT, "#asset#x", "x", "1",
                       TENANT))
               .expectException(IllegalArgumentException.class)
               .expectNoEvents();
    }

    @Test
    void storingTheSameValueAgainChangesNothing() {
        fixture.givenCurrentTime(NOW)
               .andGiven(stored("3"))
               .when(store("3"))
               .expectNoEvents()
               .expectSuccessfulHandlerExecution();
    }

    @Test
    void storingAnotherValueRecordsIt() {
        fixture.givenCurrentTime(NOW)
               .andGiven(stored("3"))
               .when(store("\"high\""))
               .expectEvents(new SettingStored(KEY, TENANT, "scan-level", "\"high\"", TENANT, NOW));
    }

    @Test
    void removingASettingRecordsItsRemoval() {
        fixture.givenCurrentTime(NOW)
               .andGiven(stored("3"))
               .when(new RemoveSetting(ID, TENANT, KEY, TENANT))
               .expectEvents(new SettingRemoved(KEY, TENANT, "scan-level", TENANT, NOW));
    }

    @Test
    void removingAMissingSettingIsNotFound() {
        fixture.givenNoPriorActivity()
               .when(new RemoveSetting(ID, TENANT, KEY, TENANT))
               .expectException(AggregateNotFoundException.class)
               .expectNoEvents();
        fixture.givenCurrentTime(NOW)
               .andGiven(stored("3"), new SettingRemoved(KEY, TENANT, "scan-level", TENANT, NOW))
               .when(new RemoveSetting(ID, TENANT, KEY, TENANT))
               .expectException(AggregateNotFoundException.class)
               .expectNoEvents();
    }

    @Test
    void aRemovedSettingCanBeStoredAgain() {
        fixture.givenCurrentTime(NOW)
               .andGiven(stored("3"), new SettingRemoved(KEY, TENANT, "scan-level", TENANT, NOW))
               .when(store("3"))
               .expectEvents(new SettingStored(KEY, TENANT, "scan-level", "3", TENANT, NOW));
    }
}
