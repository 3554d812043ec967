package io.chariot.runtime.defaults;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The deployment's defaults sit below a deployable's own settings and the environment, once. */
class ChariotDefaultsTest {

    private final StandardEnvironment environment = new StandardEnvironment();

    private void postProcess() {
        new ChariotDefaults().postProcessEnvironment(environment, new SpringApplication());
    }

    @Test
    void aDeployablesOwnSettingWinsOverTheDefaultAndTheDefaultFillsWhatItLeavesOut() {
        environment.getPropertySources().addLast(new MapPropertySource("application.yml",
                Map.of("spring.application.name", "chariot-asset")));
        postProcess();
        assertThat(environment.getProperty("spring.application.name")).isEqualTo("chariot-asset");
        assertThat(environment.getProperty("server.shutdown")).isEqualTo("graceful");
        assertThat(environment.getProperty("axon.kafka.default-topic")).isEqualTo("chariot.events");
    }

    @Test
    void theEnvironmentReachesTheDefaultsMappings() {
        environment.getPropertySources().addFirst(new MapPropertySource("env",
                Map.of("CHARIOT_KAFKA_BOOTSTRAP", "kafka.test:9092")));
        postProcess();
        assertThat(environment.getProperty("axon.kafka.bootstrap-servers")).isEqualTo("kafka.test:9092");
    }

    @Test
    void theDefaultsAreAddedOnceHoweverOftenTheEnvironmentIsPrepared() {
        postProcess();
        int sources = environment.getPropertySources().size();
        postProcess();
        assertThat(environment.getPropertySources().size()).isEqualTo(sources);
        assertThat(environment.getPropertySources().stream().reduce((first, last) -> last).orElseThrow().getName())
                .isEqualTo(ChariotDefaults.RESOURCE);
    }
}
