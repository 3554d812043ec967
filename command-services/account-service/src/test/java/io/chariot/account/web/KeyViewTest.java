package io.chariot.account.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chariot.api.account.AccountCommands.ApiKeyState;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The API key's client JSON, serialized as the application does (absent values left out). */
class KeyViewTest {

    private static final ObjectMapper JSON = new ObjectMapper().setSerializationInclusion(JsonInclude.Include.NON_NULL);
    private static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void anIssuedKeyCarriesItsSecretOnceAndNoDeletion() throws Exception {
        var issued = new ApiKeyState("k1", "ana@x.com", "ci", "admin", AT, "ana@x.com", null, "A", null, null);

        assertThat(JSON.writeValueAsString(KeyView.issued(issued, "s3cret"))).isEqualTo("""
                {"username":"ana@x.com","key":"#key#k1","id":"k1","name":"ci","created":"2026-01-01T00:00:00Z",\
                "creator":"ana@x.com","status":"A","role":"admin","secret":"s3cret"}""");
    }

    @Test
    void aRevokedKeyNamesWhenAndByWhomButNeverTheSecret() throws Exception {
        var revoked = new ApiKeyState("k1", "ana@x.com", "ci", "admin", AT, "ana@x.com", AT.plusSeconds(60), "D",
                AT.plusSeconds(30), "ana@x.com");

        assertThat(JSON.writeValueAsString(KeyView.of(revoked))).isEqualTo("""
                {"username":"ana@x.com","key":"#key#k1","id":"k1","name":"ci","created":"2026-01-01T00:00:00Z",\
                "creator":"ana@x.com","status":"D","expires":"2026-01-01T00:01:00Z","role":"admin",\
                "deleted":"2026-01-01T00:00:30Z","deleter":"ana@x.com"}""");
    }
}
