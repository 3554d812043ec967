package io.chariot.projections.processing;

import org.axonframework.springboot.EventProcessorProperties;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The processor every read model's processing group gets (a tracking processor; see {@link ReadModelProcessors}).
 *
 * @param source    the bean name of the streamable message source the read models follow
 * @param batchSize events a read model applies per unit of work (one token commit)
 * @param apply     whether this process applies the read models (the platform, the projections service). When
 *                  false the read models are still known — what a write waits for (read-your-writes), what the query
 *                  side reads — but their processors subscribe to {@link ReadModelProcessorsConfiguration#ELSEWHERE},
 *                  a source that delivers nothing: another process applies them and reports it (ADR 0024)
 */
@ConfigurationProperties(ReadModelProcessorSettings.PREFIX)
public record ReadModelProcessorSettings(@DefaultValue("streamableKafkaMessageSource") String source,
                                         @DefaultValue("100") int batchSize,
                                         @DefaultValue("true") boolean apply) {

    static final String PREFIX = "chariot.read-models.processor";

    public ReadModelProcessorSettings {
        if (source == null || source.isBlank()) {
            throw new IllegalArgumentException(PREFIX + ".source must name a message source bean");
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException(PREFIX + ".batch-size must be at least 1, not " + batchSize);
        }
    }

    EventProcessorProperties.ProcessorSettings toAxon() {
        var settings = new EventProcessorProperties.ProcessorSettings();
        if (!apply) {
            settings.setMode(EventProcessorProperties.Mode.SUBSCRIBING);
            settings.setSource(ReadModelProcessorsConfiguration.ELSEWHERE);
            return settings;
        }
        settings.setMode(EventProcessorProperties.Mode.TRACKING);
        settings.setSource(source);
        settings.setBatchSize(batchSize);
        return settings;
    }
}
