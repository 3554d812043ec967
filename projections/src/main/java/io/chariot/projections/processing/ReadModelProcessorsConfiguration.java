package io.chariot.projections.processing;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/** Registers {@link ReadModelProcessors}; static, as a post-processor must be, so it creates nothing early. */
@AutoConfiguration
public class ReadModelProcessorsConfiguration {

    @Bean
    static ReadModelProcessors readModelProcessors(ConfigurableListableBeanFactory beans, Environment environment) {
        return new ReadModelProcessors(beans, environment);
    }
}
