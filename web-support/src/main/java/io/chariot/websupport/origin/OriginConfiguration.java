package io.chariot.websupport.origin;

import io.chariot.api.origin.OriginCorrelation;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;

/**
 * Where every message came from, recorded in its metadata (see {@code io.chariot.api.origin.MessageOrigin}): request
 * ids at the HTTP edge, the request and correlation id on the commands sent for it, and what each message passes on
 * to those it causes. Axon's own {@link MessageOriginProvider} is declared here because any
 * {@link CorrelationDataProvider} bean replaces Axon's default one. The beans Axon's configuration takes are static:
 * this class itself needs the command bus, which that configuration builds.
 */
@AutoConfiguration
public class OriginConfiguration {

    @Bean
    static CorrelationDataProvider messageOriginProvider() {
        return new MessageOriginProvider();
    }

    @Bean
    static CorrelationDataProvider originCorrelation() {
        return new OriginCorrelation();
    }

    @Autowired
    void recordRequestOrigins(CommandBus commandBus) {
        commandBus.registerDispatchInterceptor(new RequestOrigin());
    }

    /** Every event processor names itself in the unit of work, so the commands a saga sends say who sent them. */
    @Bean
    static ConfigurerModule processorNamesInUnitsOfWork() {
        return configurer -> configurer.eventProcessing().registerDefaultHandlerInterceptor((config, processor) ->
                (unitOfWork, chain) -> {
                    unitOfWork.resources().putIfAbsent(RequestOrigin.PROCESSOR, processor);
                    return chain.proceed();
                });
    }

    @Bean
    @ConditionalOnWebApplication
    static FilterRegistrationBean<RequestIdFilter> requestIdFilter() {
        var registration = new FilterRegistrationBean<>(new RequestIdFilter());
        // first of all, so every answer (a 401, a 413 too) names its request
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }
}
