package io.chariot.job.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chariot.api.job.JobCommands.JobState;
import io.chariot.job.Capabilities;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The job's client JSON, serialized as the application does (absent values left out). */
class JobViewTest {

    private static final ObjectMapper JSON = new ObjectMapper().setSerializationInclusion(JsonInclude.Include.NON_NULL);
    private static final Instant CREATED = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant UPDATED = Instant.parse("2026-01-01T00:05:00Z");

    @Test
    void aRunningChildJobReadsAsTabulariumsJobWithItsStatusAndSourceStampedWithTheLastChange() throws Exception {
        JobState running = new JobState("#job#example.com#1.2.3.4#portscan", "example.com", "1.2.3.4", "portscan",
                "#asset#example.com#1.2.3.4", "JR", CREATED, UPDATED, UPDATED, null, Map.of("ports", "22"),
                List.of("cred-1"), 2, "w-1", null, "#job#example.com#example.com#subdomain", null, null);

        assertThat(JSON.writeValueAsString(JobView.of("acme@example.com", running))).isEqualTo("""
                {"username":"acme@example.com","key":"#job#example.com#1.2.3.4#portscan","dns":"example.com",\
                "source":"portscan#2026-01-01T00:05:00Z","status":"JR#2026-01-01T00:05:00Z",\
                "created":"2026-01-01T00:00:00Z","updated":"2026-01-01T00:05:00Z","started":"2026-01-01T00:05:00Z",\
                "ttl":%d,"config":{"ports":"22"},"credential_ids":["cred-1"],"retries":2,"capabilities":["portscan"],\
                "target":{"type":"asset","key":"#asset#example.com#1.2.3.4"},"worker":"w-1",\
                "parent":{"type":"job","key":"#job#example.com#example.com#subdomain"}}"""
                .formatted(UPDATED.plusSeconds(7 * 24 * 3600).getEpochSecond()));
    }

    @Test
    void aCapabilityNamesItsTimeoutAndEachParametersDefaultAsClientsReadThem() throws Exception {
        var portscan = Capabilities.find("portscan").orElseThrow();

        var json = JSON.readTree(JSON.writeValueAsString(CapabilityView.of(portscan)));

        assertThat(json.get("name").asText()).isEqualTo("portscan");
        assertThat(json.get("timeout").asLong()).isEqualTo(portscan.timeoutSeconds());
        assertThat(json.has("timeoutSeconds")).isFalse();
        assertThat(json.get("async").asBoolean()).isEqualTo(portscan.async());
        if (!portscan.parameters().isEmpty()) {
            assertThat(json.get("parameters").get(0).has("defaultValue")).isFalse();
            assertThat(json.get("parameters").get(0).get("name").asText())
                    .isEqualTo(portscan.parameters().get(0).name());
        }
    }
}
