package io.chariot.sagas;

import io.chariot.sagas.job.JobResultDispatcher;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The cross-context workflows. Each is its own processing group (see application.yml), consuming the published
 * events and sending other contexts' commands through the command bus, so it runs unchanged whether the contexts
 * share this JVM or not.
 */
@Configuration(proxyBeanMethods = false)
public class SagasConfiguration {

    @Bean
    JobResultDispatcher jobResultDispatcher(CommandGateway commands) {
        return new JobResultDispatcher(commands);
    }
}
