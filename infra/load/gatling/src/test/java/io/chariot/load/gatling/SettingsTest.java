package io.chariot.load.gatling;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SettingsTest {

    @Test
    void durationsTakeSecondsMinutesOrHours() {
        assertThat(Settings.parseDuration("90")).isEqualTo(Duration.ofSeconds(90));
        assertThat(Settings.parseDuration("90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(Settings.parseDuration("10m")).isEqualTo(Duration.ofMinutes(10));
        assertThat(Settings.parseDuration("24H")).isEqualTo(Duration.ofHours(24));
        assertThatThrownBy(() -> Settings.parseDuration("ten minutes")).hasMessageContaining("90s, 10m, 24h");
        assertThatThrownBy(() -> Settings.parseDuration("0m")).hasMessageContaining("above 0");
    }

    @Test
    void theKeyComesFromTheWorkDirWhenTheEnvironmentHasNone(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("dev-credentials.env"), """
                CHARIOT_BOOTSTRAP_TENANT=dev@chariot.local
                CHARIOT_BOOTSTRAP_API_KEY_ID=dev-1234
                CHARIOT_BOOTSTRAP_API_KEY_SECRET=s3cret
                """);
        Map<String, String> props = Map.of("chariot.workDir", dir.toString(), "chariot.rate", "7.5",
                "chariot.duration", "3m", "chariot.api", "http://127.0.0.1:18501/");

        Settings s = Settings.from(props::get, Map.of());

        assertThat(s.apiKeyId()).isEqualTo("dev-1234");
        assertThat(s.apiKeySecret()).isEqualTo("s3cret");
        assertThat(s.rate()).isEqualTo(7.5);
        assertThat(s.duration()).isEqualTo(Duration.ofMinutes(3));
        assertThat(s.api()).isEqualTo("http://127.0.0.1:18501");
        assertThat(s.toString()).contains("dev-1234").doesNotContain("s3cret");
    }

    @Test
    void theEnvironmentWinsOverTheWorkDir() {
        Settings s = Settings.from(Map.of("chariot.workDir", "/nonexistent")::get,
                Map.of("CHARIOT_BOOTSTRAP_API_KEY_ID", "env-id", "CHARIOT_BOOTSTRAP_API_KEY_SECRET", "env-secret"));
        assertThat(s.apiKeyId()).isEqualTo("env-id");
    }

    @Test
    void withoutAKeyTheRunStopsWithOneClearMessage() {
        assertThatThrownBy(() -> Settings.from(Map.<String, String>of()::get, Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("no API key");
        assertThatThrownBy(() -> Settings.from(Map.of("chariot.rate", "0")::get, Map.of()))
                .hasMessageContaining("above 0");
    }
}
