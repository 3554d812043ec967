package io.chariot.api.input;

import io.chariot.api.rejection.Rejected;
import io.chariot.api.rejection.Rejection;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CommandTargetsTest {

    private static final String TENANT = "acme@example.com";
    private static final String KEY = "#asset#example.com#example.com";
    private static final String ID = TENANT + KEY;

    @Test
    void aCommandWhoseIdentifierIsItsTenantAndKeyReachesItsOwnAggregate() {
        assertThatCode(() -> CommandTargets.require("asset", ID, ID, TENANT, KEY, ID)).doesNotThrowAnyException();
        assertThatCode(() -> CommandTargets.require("asset", ID, ID, TENANT, KEY, null)).doesNotThrowAnyException();
    }

    @Test
    void aCommandWhoseIdentifierNamesAnotherTenantIsInvalid() {
        assertThatThrownBy(() -> CommandTargets.require("asset", "eve@example.com" + KEY, ID, TENANT, KEY, null))
                .isInstanceOfSatisfying(Rejected.class, r -> assertThat(r.rejection().code()).isEqualTo(Rejection.Code.INVALID))
                .hasMessage("asset id eve@example.com" + KEY + " does not match tenant " + TENANT + " and key " + KEY);
    }

    @Test
    void aCommandThatReachedAnAggregateOfAnotherIdentifierIsInvalid() {
        String other = TENANT + "#asset#example.com#other.example.com";

        assertThatThrownBy(() -> CommandTargets.require("risk", ID, ID, TENANT, KEY, other))
                .isInstanceOf(Rejected.class).hasMessage("command for " + ID + " reached risk " + other);
    }
}
