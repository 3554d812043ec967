package io.chariot.account.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import io.chariot.api.account.AccountCommands.SettingState;

/**
 * A setting or configuration as Chariot's clients read it. {@code value} is the stored JSON (a JSON {@code null}
 * stays {@code null}); a record that is not there (a removal of what the tenant never stored) has none, and the
 * member is left out.
 */
@JsonPropertyOrder({"username", "key", "name", "value", "last_modified"})
public record SettingView(String username, String key, String name,
                          @JsonInclude(JsonInclude.Include.NON_NULL) JsonNode value,
                          @JsonProperty("last_modified") String lastModified) {

    /** {@code value} is the record's value already read as JSON, null when it has none. */
    static SettingView of(SettingState s, JsonNode value) {
        return new SettingView(s.tenant(), s.key(), s.name(), value,
                s.lastModified() == null ? null : s.lastModified().toString());
    }
}
