package io.chariot.platform;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A tenant never sees or changes another tenant's data, and the account header without a link gets nowhere. */
class TenantIsolationIT extends PlatformIntegrationTest {

    @Test
    void anotherTenantsAssetsAreInvisibleAndUnchangeable() {
        ChariotClient alice = newTenant();
        ChariotClient mallory = newTenant();
        String key = "#asset#secret.example#10.0.0.1";
        alice.put("/asset", "{\"group\":\"secret.example\",\"identifier\":\"10.0.0.1\",\"status\":\"A\"}");
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() ->
                assertThat(alice.my(key).json().get("assets")).hasSize(1));

        assertThat(mallory.my(key).json().has("assets")).isFalse();
        assertThat(mallory.my("#asset").json().has("assets")).isFalse();
        assertThat(mallory.post("/my", "{\"node\":{\"labels\":[\"Asset\"]}}").json().has("assets")).isFalse();
        assertThat(mallory.get("/my/count?key=%23asset").json().get("status").size()).isZero();
        // Updating or deleting it from the other tenant finds nothing: 404, never its contents.
        var update = mallory.put("/asset", "{\"key\":\"" + key + "\",\"status\":\"F\"}");
        assertThat(update.status()).isEqualTo(404);
        assertThat(update.body()).doesNotContain("10.0.0.1\",\"status");
        assertThat(mallory.delete("/asset", "{\"key\":\"" + key + "\"}").status()).isEqualTo(404);

        var viaHeader = mallory.as(alice.tenant);
        assertThat(viaHeader.my(key).status()).isEqualTo(403);
        assertThat(viaHeader.put("/asset", "{\"key\":\"" + key + "\",\"status\":\"F\"}").status()).isEqualTo(403);

        assertThat(alice.my(key).json().get("assets").get(0).get("status").asText()).isEqualTo("A");
    }
}
