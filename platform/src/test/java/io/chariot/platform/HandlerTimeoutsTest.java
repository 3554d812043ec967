package io.chariot.platform;

import io.chariot.projections.neo4j.GraphReadModel;
import org.axonframework.springboot.TimeoutProperties;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The deployment's Axon time-outs (the runtime's chariot-defaults.yml) bind as written: no read-model batch is interrupted sooner than Axon's defaults
 * would, and every graph model gets the graph's larger bound (Neo4j has no client read time-out to catch a hang).
 */
class HandlerTimeoutsTest {

    private static TimeoutProperties bound() throws Exception {
        var environment = new StandardEnvironment();
        new YamlPropertySourceLoader().load("defaults", new ClassPathResource("chariot-defaults.yml"))
                .forEach(environment.getPropertySources()::addLast);
        return new Binder(ConfigurationPropertySources.from(environment.getPropertySources()))
                .bind("axon.timeout", TimeoutProperties.class).orElseThrow(() -> new AssertionError("no axon.timeout"));
    }

    @Test
    void eventHandlersAndBatchesGetMoreTimeThanAxonsDefaultsAndWarnEarly() throws Exception {
        TimeoutProperties timeouts = bound();
        assertThat(timeouts.getHandler().getEvents().getTimeoutMs()).isGreaterThan(30_000);
        assertThat(timeouts.getHandler().getEvents().getWarningThresholdMs()).isLessThanOrEqualTo(10_000);
        assertThat(timeouts.getTransaction().getEventProcessors().getTimeoutMs()).isGreaterThan(60_000);
    }

    @Test
    void everyGraphReadModelGetsTheGraphsBound() throws Exception {
        var perProcessor = bound().getTransaction().getEventProcessor();
        for (String graphModel : GraphReadModel.GRAPH) {
            assertThat(perProcessor).as(graphModel).containsKey(graphModel);
            assertThat(perProcessor.get(graphModel).getTimeoutMs()).as(graphModel).isEqualTo(180_000);
        }
    }
}
