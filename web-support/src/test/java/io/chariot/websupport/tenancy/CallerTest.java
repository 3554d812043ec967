package io.chariot.websupport.tenancy;

import io.chariot.websupport.web.ForbiddenException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CallerTest {

    @Test
    void aReadOnlyCallerIsRefusedAWriteNamingItsRoleAndTheTenant() {
        Caller reader = new Caller("rita@x.com", "acme@x.com", Role.READONLY);

        assertThatThrownBy(reader::requireWrite).isInstanceOf(ForbiddenException.class)
                .hasMessage("role readonly cannot write to acme@x.com");
    }

    @Test
    void anAnalystMayWrite() {
        assertThatCode(new Caller("ana@x.com", "acme@x.com", Role.ANALYST)::requireWrite).doesNotThrowAnyException();
    }
}
