package io.chariot.query.explorer.view;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SecretRedactionTest {

    private final ObjectMapper json = new ObjectMapper();
    private final SecretRedaction redaction = new SecretRedaction(json);

    @Test
    void secretsAreHiddenAtAnyDepthInListsAndInsideJsonHeldAsText() throws Exception {
        JsonNode event = json.readTree("""
                {"tenant":"t","secretHash":"abc","pinHash":"p","sealed":"xyz","name":"github",
                 "config":"{\\"org\\":\\"acme\\",\\"token\\":\\"ghp_1\\",\\"nested\\":{\\"client_secret\\":\\"s\\"}}",
                 "items":[{"password":"pw","port":"22"}],"Access-Key":"ak","empty":{"token":""},"none":{"apiKey":null}}
                """);
        JsonNode shown = redaction.redact(event);
        String text = shown.toString();
        assertThat(text).doesNotContain("abc").doesNotContain("\"p\"").doesNotContain("xyz").doesNotContain("ghp_1")
                .doesNotContain("\\\"s\\\"").doesNotContain("pw").doesNotContain("\"ak\"");
        assertThat(shown.get("secretHash").asText()).isEqualTo("********");
        assertThat(shown.get("items").get(0).get("port").asText()).isEqualTo("22");
        assertThat(json.readTree(shown.get("config").asText()).get("org").asText()).isEqualTo("acme");
        assertThat(json.readTree(shown.get("config").asText()).get("nested").get("client_secret").asText())
                .isEqualTo("********");
        // nothing to hide stays as it is, and the original is untouched
        assertThat(shown.get("empty").get("token").asText()).isEmpty();
        assertThat(shown.get("none").get("apiKey").isNull()).isTrue();
        assertThat(event.get("secretHash").asText()).isEqualTo("abc");
    }

    @Test
    void ordinaryMembersAndTextThatLooksLikeJsonButIsNotStayAsTheyAre() throws Exception {
        JsonNode event = json.readTree("{\"key\":\"#risk#x#y\",\"comment\":\"{not json}\",\"status\":\"OH\"}");
        assertThat(redaction.redact(event)).isEqualTo(event);
    }
}
