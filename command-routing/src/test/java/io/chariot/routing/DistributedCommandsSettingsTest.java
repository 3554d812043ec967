package io.chariot.routing;

import org.jgroups.JChannel;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/** Off unless asked for, and a setting that cannot work stops the start-up with the property's name. */
class DistributedCommandsSettingsTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(DistributedCommandsAutoConfiguration.class));

    @Test
    void withoutTheSwitchNothingOfItIsCreated() {
        context.run(started -> {
            assertThat(started).hasNotFailed();
            assertThat(started).doesNotHaveBean(JChannel.class);
            assertThat(started).doesNotHaveBean(DistributedCommandsProperties.class);
        });
    }

    @Test
    void dnsDiscoveryWithoutANameToQueryIsRefusedAtStartUp() {
        context.withPropertyValues("chariot.commands.distributed.enabled=true",
                "chariot.commands.distributed.discovery=dns").run(started ->
                assertThat(started).getFailure().rootCause()
                        .hasMessageContaining("chariot.commands.distributed.dns-query"));
    }

    @Test
    void aHostWithoutAPortIsRefusedAtStartUp() {
        context.withPropertyValues("chariot.commands.distributed.enabled=true",
                "chariot.commands.distributed.hosts=127.0.0.1").run(started ->
                assertThat(started).getFailure().rootCause()
                        .hasMessageContaining("chariot.commands.distributed.hosts: expected host:port"));
    }
}
