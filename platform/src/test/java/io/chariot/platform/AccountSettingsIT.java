package io.chariot.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Settings ({@code #setting#…}) and configurations ({@code #configuration#…}) round trip with any JSON value. */
class AccountSettingsIT extends PlatformIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    JdbcClient jdbc;

    private long events(ChariotClient cli) {
        return jdbc.sql("SELECT count(*) FROM domainevententry WHERE aggregateidentifier LIKE :t")
                .param("t", cli.tenant + "%").query(Long.class).single();
    }

    private static void assertProblem(ChariotClient.Response r, int status) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.contentType()).startsWith("application/problem+json");
    }

    @Test
    void settingsAndConfigurationsRoundTripAnyJson() throws Exception {
        ChariotClient owner = newTenant();
        JsonNode value = JSON.readTree("{\"level\":3,\"tags\":[\"a\",\"b\"],\"on\":true,\"nested\":{\"x\":1.5}}");
        var put = owner.put("/setting", "{\"name\":\"scan-level\",\"value\":" + value + "}");
        assertThat(put.status()).as(put.body()).isEqualTo(200);
        assertThat(put.json().get("key").asText()).isEqualTo("#setting#scan-level");
        assertThat(put.json().get("value")).isEqualTo(value);
        assertThat(put.json().has("last_modified")).isTrue();

        var conf = owner.put("/configuration", "{\"name\":\"nuclei\",\"value\":[1,\"two\",false]}");
        assertThat(conf.status()).as(conf.body()).isEqualTo(200);
        assertThat(conf.json().get("key").asText()).isEqualTo("#configuration#nuclei");
        assertThat(owner.put("/setting", "{\"name\":\"plain\",\"value\":\"text\"}").status()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
            var settings = owner.my("#setting#").json().get("settings");
            assertThat(settings).hasSize(2);
            JsonNode scan = settings.get(0).get("name").asText().equals("scan-level") ? settings.get(0) : settings.get(1);
            assertThat(scan.get("key").asText()).isEqualTo("#setting#scan-level");
            assertThat(scan.get("value").get("level").asInt()).isEqualTo(3);
            assertThat(scan.get("value").get("tags")).hasSize(2);
            assertThat(scan.get("value").get("on").asBoolean()).isTrue();
            assertThat(scan.get("value").get("nested").get("x").asDouble()).isEqualTo(1.5);
            assertThat(scan.has("last_modified")).isTrue();
            assertThat(scan.has("_seq")).isFalse();
            var configurations = owner.my("#configuration#").json().get("configurations");
            assertThat(configurations).hasSize(1);
            assertThat(configurations.get(0).get("value").get(1).asText()).isEqualTo("two");
        });

        assertThat(owner.put("/setting", "{\"name\":\"scan-level\",\"value\":5}").json().get("value").asInt())
                .isEqualTo(5);
        var deleted = owner.delete("/setting", "{\"name\":\"plain\"}");
        assertThat(deleted.status()).as(deleted.body()).isEqualTo(200);
        // deleting it again is done already (praetorian-cli's clean-up relies on it): the record, without a value
        var again = owner.delete("/setting", "{\"name\":\"plain\"}");
        assertThat(again.status()).as(again.body()).isEqualTo(200);
        assertThat(again.json().get("key").asText()).isEqualTo("#setting#plain");
        assertThat(again.json().has("value")).isFalse();
        // the name may be given as the whole key, as the client's own tests do
        assertThat(owner.delete("/configuration", "{\"name\":\"#configuration#nuclei\"}").json().get("name")
                .asText()).isEqualTo("nuclei");
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
            var settings = owner.my("#setting#").json().get("settings");
            assertThat(settings).hasSize(1);
            assertThat(settings.get(0).get("value").asInt()).isEqualTo(5);
            assertThat(owner.my("#configuration#").json().has("configurations")).isFalse();
        });
    }

    @Test
    void badSettingsAreProblemsAndThoseAndDeletingAnAbsentOneWriteNothing() {
        ChariotClient owner = newTenant();
        assertProblem(owner.put("/setting", "{\"value\":1}"), 400);
        assertProblem(owner.put("/setting", "{\"name\":\" \",\"value\":1}"), 400);
        assertProblem(owner.put("/setting", "{\"name\":\"x\"}"), 400);
        assertProblem(owner.put("/configuration", "{\"name\":\"x\",\"value\":"), 400);
        assertThat(owner.delete("/configuration", "{\"name\":\"never\"}").status()).isEqualTo(200);
        assertProblem(owner.delete("/setting", "{}"), 400);
        assertThat(events(owner)).isZero();
    }
}
