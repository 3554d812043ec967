package io.chariot.runtime.observability;

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
                .isEqualTo("POST \"/hook/{tenant}/{pin}?[masked]\", parameters={}");
    }

    @Test
    void aRequestLinesQueryStringIsMasked() {
        assertThat(LogRedaction.redact("Securing GET /my?key=%23asset&secret=abc123"))
                .isEqualTo("Securing GET /my?[masked]");
        assertThat(LogRedaction.redact("PUT \"/asset?secret=abc\", parameters={masked}"))
                .isEqualTo("PUT \"/asset?[masked]\", parameters={masked}");
    }

    @Test
    void ordinaryTextIsLeftAsItIs() {
        assertThat(LogRedaction.redact("asset #asset#example.com#1.2.3.4 stored")).isEqualTo(
                "asset #asset#example.com#1.2.3.4 stored");
        assertThat(LogRedaction.redact("is 1/2 done? yes")).isEqualTo("is 1/2 done? yes");
        assertThat(LogRedaction.redact(null)).isNull();
    }
}
