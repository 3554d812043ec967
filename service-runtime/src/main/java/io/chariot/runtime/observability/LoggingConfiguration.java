package io.chariot.runtime.observability;

import io.chariot.websupport.tenancy.CallerArgumentResolver;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.config.ConfigurerModule;
import org.slf4j.MDC;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/** The tenant in the logging context: for command handlers and event processors, and cleared per request. */
@Configuration(proxyBeanMethods = false)
public class LoggingConfiguration {

    @Bean
    TenantLogContext tenantLogContext() {
        return new TenantLogContext();
    }

    @Bean
    InitializingBean tenantLogContextOnCommands(CommandBus commandBus, TenantLogContext context) {
        return () -> commandBus.registerHandlerInterceptor(context);
    }

    @Bean
    ConfigurerModule tenantLogContextOnEvents(TenantLogContext context) {
        return configurer -> configurer.eventProcessing()
                .registerDefaultHandlerInterceptor((config, processor) -> context.forProcessor(processor));
    }

    /** A request thread never carries the previous request's tenant into its own lines. */
    @Bean
    FilterRegistrationBean<OncePerRequestFilter> tenantLogContextReset() {
        var registration = new FilterRegistrationBean<OncePerRequestFilter>(new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
                                            FilterChain chain) throws ServletException, IOException {
                MDC.remove(CallerArgumentResolver.TENANT_LOG_KEY);
                try {
                    chain.doFilter(request, response);
                } finally {
                    MDC.remove(CallerArgumentResolver.TENANT_LOG_KEY);
                }
            }
        });
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }
}
