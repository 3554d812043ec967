package io.chariot.asset.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chariot.api.asset.AssetCommands.PreseedState;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The {@code /preseed} answers, serialized as the application does (absent values left out). */
class PreseedViewTest {

    private static final ObjectMapper JSON = new ObjectMapper().setSerializationInclusion(JsonInclude.Include.NON_NULL);

    @Test
    void aPreseedWasVisitedWhenItWasLastUpdatedAndLeavesOutAMissingComment() throws Exception {
        var state = new PreseedState("#preseed#whois#registrant#acme", "whois", "registrant", "acme", "A", null,
                Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-01-02T00:00:00Z"), 0);

        assertThat(JSON.writeValueAsString(PreseedView.of("acme@example.com", state))).isEqualTo("""
                {"preseeds":[{"username":"acme@example.com","key":"#preseed#whois#registrant#acme","type":"whois",\
                "title":"registrant","value":"acme","status":"A","created":"2026-01-01T00:00:00Z",\
                "visited":"2026-01-02T00:00:00Z","ttl":0}]}""");
    }

    @Test
    void aRemovalAnswersTheTenantAndTheRemovedKey() throws Exception {
        assertThat(JSON.writeValueAsString(PreseedView.removed("acme@example.com", "#preseed#whois#registrant#acme")))
                .isEqualTo("{\"preseeds\":[{\"username\":\"acme@example.com\","
                        + "\"key\":\"#preseed#whois#registrant#acme\"}]}");
    }
}
