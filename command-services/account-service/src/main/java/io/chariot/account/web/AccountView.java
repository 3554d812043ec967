package io.chariot.account.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import io.chariot.api.account.AccountCommands.AccountLinkState;
import io.chariot.api.account.AccountCommands.IntegrationState;

import java.time.Instant;

/**
 * Chariot's Account shape, the answer of {@code POST}/{@code DELETE /account/{member}}: a collaborator's link, or an
 * integration with its shown config (secret members masked). A webhook linked without a pin answers the generated
 * {@code pin} and its {@code url} once. Absent values are left out of the JSON (the application's non-null
 * inclusion); config, pin and url are left out whatever the inclusion, as a collaborator's link never has them.
 */
@JsonPropertyOrder({"username", "key", "name", "member", "value", "role", "config", "updated", "pin", "url"})
public record AccountView(String username, String key, String name, String member, String value, String role,
                          @JsonInclude(JsonInclude.Include.NON_NULL) JsonNode config, String updated,
                          @JsonInclude(JsonInclude.Include.NON_NULL) String pin,
                          @JsonInclude(JsonInclude.Include.NON_NULL) String url) {

    static AccountView of(String tenant, AccountLinkState s) {
        return new AccountView(tenant, s.key(), s.tenant(), s.member(), s.value(), s.role(), null, time(s.updated()),
                null, null);
    }

    /** An integration; {@code config} is its shown config, already read as JSON. */
    static AccountView of(String tenant, IntegrationState s, JsonNode config) {
        return new AccountView(tenant, s.key(), s.tenant(), s.member(), s.value(), s.role(), config,
                time(s.updated()), null, null);
    }

    /** The same record with the webhook's generated pin and URL, answered once. */
    AccountView withHook(String generatedPin, String hookUrl) {
        return new AccountView(username, key, name, member, value, role, config, updated, generatedPin, hookUrl);
    }

    private static String time(Instant at) {
        return at == null ? null : at.toString();
    }
}
