package io.chariot.account.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chariot.api.account.AccountCommands.AccountLinkState;
import io.chariot.api.account.AccountCommands.IntegrationState;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The Account answer, serialized as the application does (absent values left out). */
class AccountViewTest {

    private static final ObjectMapper JSON = new ObjectMapper().setSerializationInclusion(JsonInclude.Include.NON_NULL);
    private static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void aCollaboratorsLinkReadsAsChariotsAccountWithoutConfig() throws Exception {
        var link = new AccountLinkState("#account#acme@example.com#bob@example.com#bob@example.com",
                "acme@example.com", "bob@example.com", "bob@example.com", "analyst", AT, true);

        assertThat(JSON.writeValueAsString(AccountView.of("acme@example.com", link))).isEqualTo("""
                {"username":"acme@example.com","key":"#account#acme@example.com#bob@example.com#bob@example.com",\
                "name":"acme@example.com","member":"bob@example.com","value":"bob@example.com","role":"analyst",\
                "updated":"2026-01-01T00:00:00Z"}""");
    }

    @Test
    void anIntegrationShowsItsConfigBeforeUpdatedAndLeavesOutAMissingRole() throws Exception {
        var github = new IntegrationState("#account#acme@example.com#github#org", "acme@example.com", "github", "org",
                null, "{\"secret\":\"********\"}", AT, true);

        assertThat(JSON.writeValueAsString(AccountView.of("acme@example.com", github,
                JSON.readTree(github.config())))).isEqualTo("""
                {"username":"acme@example.com","key":"#account#acme@example.com#github#org",\
                "name":"acme@example.com","member":"github","value":"org","config":{"secret":"********"},\
                "updated":"2026-01-01T00:00:00Z"}""");
    }

    @Test
    void aGeneratedWebhookPinAndItsUrlComeLastAndOnlyWhenGiven() throws Exception {
        var hook = new IntegrationState("#account#acme@example.com#hook#********", "acme@example.com", "hook",
                "********", null, "{}", AT, true);
        AccountView linked = AccountView.of("acme@example.com", hook, JSON.createObjectNode());

        assertThat(JSON.writeValueAsString(linked.withHook("p1n", "http://127.0.0.1/hook/YWNtZQ/p1n")))
                .endsWith(",\"config\":{},\"updated\":\"2026-01-01T00:00:00Z\",\"pin\":\"p1n\","
                        + "\"url\":\"http://127.0.0.1/hook/YWNtZQ/p1n\"}");
        assertThat(new ObjectMapper().writeValueAsString(linked)).doesNotContain("pin", "url")
                .contains("\"role\":null");
    }
}
