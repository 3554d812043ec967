package io.chariot.asset.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chariot.api.asset.AssetCommands.AttributeState;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The {@code /attribute} answers, serialized as the application does (absent values left out). */
class AttributeViewTest {

    private static final ObjectMapper JSON = new ObjectMapper().setSerializationInclusion(JsonInclude.Include.NON_NULL);
    private static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");
    private static final String KEY = "#attribute#https#443#asset#example.com#1.2.3.4";

    @Test
    void anAssetsAttributeIsActiveWithItsCapabilityCreationAndTtl() throws Exception {
        var added = new AttributeState(KEY, "#asset#example.com#1.2.3.4", "https", "443", "portscan", AT, 99);

        assertThat(JSON.writeValueAsString(AttributeView.ofAsset("acme@example.com", KEY, added))).isEqualTo("""
                {"attributes":[{"username":"acme@example.com","key":"%s","source":"#asset#example.com#1.2.3.4",\
                "name":"https","value":"443","status":"A","capability":"portscan","created":"2026-01-01T00:00:00Z",\
                "ttl":99}]}""".formatted(KEY));
    }

    @Test
    void aRisksAttributeHasNeitherCapabilityNorTtlWhateverTheInclusion() throws Exception {
        var added = new AttributeState("#attribute#source#webhook#risk#example.com#CVE-1", "#risk#example.com#CVE-1",
                "source", "webhook", "ignored", AT, 99);

        assertThat(new ObjectMapper().writeValueAsString(AttributeView.ofRisk("acme@example.com",
                added.key(), added))).isEqualTo("""
                {"attributes":[{"username":"acme@example.com","key":"#attribute#source#webhook#risk#example.com#CVE-1",\
                "source":"#risk#example.com#CVE-1","name":"source","value":"webhook","status":"A",\
                "created":"2026-01-01T00:00:00Z"}]}""");
    }

    @Test
    void aRemovalAnswersTheKeyItWasAskedToRemove() throws Exception {
        assertThat(JSON.writeValueAsString(AttributeView.removed("acme@example.com", KEY)))
                .isEqualTo("{\"attributes\":[{\"key\":\"" + KEY + "\",\"username\":\"acme@example.com\"}]}");
    }
}
