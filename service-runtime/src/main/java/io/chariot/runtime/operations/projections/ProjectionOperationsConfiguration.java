package io.chariot.runtime.operations.projections;

import io.chariot.consistency.failure.ParkedEvents;
import io.chariot.consistency.failure.ProcessingFailures;
import io.chariot.projections.ReadModels;
import io.chariot.projections.generation.ReadGenerations;
import io.chariot.projections.rebuild.RebuildCheckpoints;
import io.chariot.projections.rebuild.LiveSource;
import io.chariot.projections.instances.PeerPauses;
import io.chariot.projections.rebuild.ProjectionRebuilds;
import io.chariot.projections.replay.EventStoreReplayer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.config.EventProcessingConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

/**
 * Rebuild engine wiring: Kafka is the live source to hand back to; progress is published as meters. Only where the
 * read models are applied ({@link AppliesReadModels}): the projections service and the platform.
 */
@Configuration(proxyBeanMethods = false)
@AppliesReadModels
@EnableConfigurationProperties(RebuildSettings.class)
class ProjectionOperationsConfiguration {

    @Bean
    ProjectionRebuilds projectionRebuilds(ReadModels models, EventProcessingConfiguration processing,
                                          EventStoreReplayer replayer, LiveSource live, ReadGenerations generations,
                                          RebuildCheckpoints checkpoints, ProcessingFailures failures,
                                          ParkedEvents parked, PeerPauses peers, MeterRegistry meters,
                                          RebuildSettings settings) {
        var rebuilds = new ProjectionRebuilds(models, processing, replayer, live, generations, checkpoints,
                failures, parked, peers, Clock.systemUTC(), settings.dropGrace(), settings.checkpointEvery());
        for (var model : models.all()) {
            String name = model.name();
            Gauge.builder("chariot.projection.rebuild.events", rebuilds,
                            r -> r.progress(name).map(p -> (double) p.eventsDone()).orElse(0.0))
                    .tag("projection", name).description("events replayed by the current or last rebuild")
                    .register(meters);
            Gauge.builder("chariot.projection.rebuild.events.per.second", rebuilds,
                            r -> r.progress(name).map(p -> p.eventsPerSecond()).orElse(0.0))
                    .tag("projection", name).register(meters);
            Gauge.builder("chariot.projection.rebuild.eta.seconds", rebuilds,
                            r -> r.progress(name).map(p -> p.etaSeconds() == null ? Double.NaN
                                    : p.etaSeconds().doubleValue()).orElse(0.0))
                    .tag("projection", name).register(meters);
            Gauge.builder("chariot.projection.parked", parked, p -> p.count(model.processingGroup()))
                    .tag("projection", name).description("events parked in the projection's dead-letter queue")
                    .register(meters);
            Gauge.builder("chariot.projection.retrying", failures,
                            f -> f.failing(model.processingGroup()).isPresent() ? 1 : 0)
                    .tag("projection", name).description("1 while the projection waits for its failing store")
                    .register(meters);
            Gauge.builder("chariot.projection.generation", model, m -> m.generation())
                    .tag("projection", name).description("the live generation (the read alias)")
                    .register(meters);
        }
        return rebuilds;
    }
}
