package io.chariot.account.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import io.chariot.api.account.AccountCommands.SettingState;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The setting answer, serialized as the application does (absent values left out). */
class SettingViewTest {

    private static final ObjectMapper JSON = new ObjectMapper().setSerializationInclusion(JsonInclude.Include.NON_NULL);
    private static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void aStoredSettingAnswersItsJsonValueAndWhenItWasLastModified() throws Exception {
        var stored = new SettingState("#setting#theme", "acme@example.com", "theme", "{\"dark\":true}", AT, true);

        assertThat(JSON.writeValueAsString(SettingView.of(stored, JSON.readTree(stored.value())))).isEqualTo("""
                {"username":"acme@example.com","key":"#setting#theme","name":"theme","value":{"dark":true},\
                "last_modified":"2026-01-01T00:00:00Z"}""");
    }

    @Test
    void aSettingThatIsNotThereHasNoValueMemberAtAll() throws Exception {
        var absent = new SettingState("#setting#theme", "acme@example.com", "theme", null, null, false);

        assertThat(new ObjectMapper().writeValueAsString(SettingView.of(absent, null))).isEqualTo("""
                {"username":"acme@example.com","key":"#setting#theme","name":"theme","last_modified":null}""");
    }

    @Test
    void aStoredJsonNullIsAnsweredAsNullNotLeftOut() throws Exception {
        var stored = new SettingState("#configuration#x", "acme@example.com", "x", "null", AT, true);

        assertThat(JSON.writeValueAsString(SettingView.of(stored, NullNode.getInstance())))
                .contains("\"name\":\"x\",\"value\":null,\"last_modified\"");
    }
}
