package io.chariot.platform.observability;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LogRedactionTest {

    @Test
    void aJwtAnywhereInAValueIsMasked() {
        String jwt = "eyJhbGciOiJIUzI1NiJ9.eyJlbWFpbCI6ImFAYi5jIn0.c2lnbmF0dXJlLXZhbHVl";
        assertThat(LogRedaction.redact("Authorization: Bearer " + jwt + " rejected"))
                .isEqualTo("Authorization: Bearer [jwt] rejected");
    }

    @Test
    void aWebhookPathLosesItsTenantAndPin() {
        assertThat(LogRedaction.redact("POST \"/hook/dEBleC5jb20/3f1c-pin-value?x=1\", parameters={}"))
                .isEqualTo("POST \"/hook/{tenant}/{pin}?x=1\", parameters={}");
    }

    @Test
    void ordinaryTextIsLeftAsItIs() {
        assertThat(LogRedaction.redact("asset #asset#example.com#1.2.3.4 stored")).isEqualTo(
                "asset #asset#example.com#1.2.3.4 stored");
        assertThat(LogRedaction.redact(null)).isNull();
    }
}
