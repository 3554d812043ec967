package io.chariot.projections.processing;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.SubscribableMessageSource;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/** Registers {@link ReadModelProcessors}; static, as a post-processor must be, so it creates nothing early. */
@AutoConfiguration
public class ReadModelProcessorsConfiguration {

    /** The source of the read models' processors in a process that does not apply them: it delivers nothing. */
    public static final String ELSEWHERE = "readModelsAppliedElsewhere";

    @Bean
    static ReadModelProcessors readModelProcessors(ConfigurableListableBeanFactory beans, Environment environment) {
        return new ReadModelProcessors(beans, environment);
    }

    /** {@code chariot.read-models.processor.apply=false}: the read models are another process's to apply. */
    @Bean(ELSEWHERE)
    @ConditionalOnProperty(name = ReadModelProcessorSettings.PREFIX + ".apply", havingValue = "false")
    SubscribableMessageSource<EventMessage<?>> readModelsAppliedElsewhere() {
        return eventProcessor -> () -> true;
    }
}
