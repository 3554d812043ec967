package io.chariot.load.gatling;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The bodies are the ones the praetorian-cli sends (shared chariot-api.md §3.5), byte for byte. */
class CliRequestsTest {

    @Test
    void addAssetSendsTheCliBody() {
        assertThat(CliRequests.addAsset("example.com", "1.2.3.4")).isEqualTo(
                "{\"group\":\"example.com\",\"identifier\":\"1.2.3.4\",\"status\":\"A\",\"attackSurface\":[\"\"],\"type\":\"asset\"}");
    }

    @Test
    void addRiskSendsTheCliBody() {
        assertThat(CliRequests.addRisk("#asset#example.com#1.2.3.4", "CVE-2024-23049", "TH", "hello")).isEqualTo(
                "{\"key\":\"#asset#example.com#1.2.3.4\",\"name\":\"CVE-2024-23049\",\"status\":\"TH\",\"comment\":\"hello\",\"source\":\"\"}");
    }

    @Test
    void getAssetIsAnExactKeyQueryWithTheCliLimit() {
        assertThat(CliRequests.myQuery("Asset", "key", "=", "#asset#example.com#1.2.3.4")).isEqualTo(
                "{\"node\":{\"labels\":[\"Asset\"],\"filters\":[{\"field\":\"key\",\"operator\":\"=\",\"value\":\"#asset#example.com#1.2.3.4\",\"not\":false}]},\"limit\":4096,\"page\":0}");
    }

    @Test
    void keysAreDerivedAsTheServerDerivesThem() {
        assertThat(CliRequests.assetKey("Example.COM", "Host")).isEqualTo("#asset#example.com#host");
        assertThat(CliRequests.riskKey("example.com", "Weak Cipher")).isEqualTo("#risk#example.com#weak-cipher");
        assertThat(CliRequests.attributeKey("#asset#example.com#example.com", "https", "443"))
                .isEqualTo("#attribute#https#443#asset#example.com#example.com");
        assertThat(CliRequests.addAttribute("#asset#a#b", "port", "8080"))
                .isEqualTo("{\"key\":\"#asset#a#b\",\"name\":\"port\",\"value\":\"8080\"}");
    }
}
