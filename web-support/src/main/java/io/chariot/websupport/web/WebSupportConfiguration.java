package io.chariot.websupport.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.chariot.websupport.security.Operators;
import io.chariot.websupport.security.TokenController;
import io.chariot.websupport.tenancy.AccountLinks;
import io.chariot.websupport.tenancy.CallerArgumentResolver;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigureBefore;
import org.springframework.boot.autoconfigure.web.servlet.error.ErrorMvcAutoConfiguration;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.util.List;

/** Wires the HTTP edge into any application that has this module: token endpoint, caller resolution, errors. */
@AutoConfigureBefore(ErrorMvcAutoConfiguration.class)
@AutoConfiguration
@EnableConfigurationProperties(HttpSettings.class)
@Import({TokenController.class, ProblemHandling.class, ProblemErrorController.class})
public class WebSupportConfiguration implements WebMvcConfigurer {

    private final ObjectProvider<AccountLinks> links;
    private final ObjectProvider<Operators> operators;

    public WebSupportConfiguration(ObjectProvider<AccountLinks> links, ObjectProvider<Operators> operators) {
        this.links = links;
        this.operators = operators;
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        Operators ops = operators.getIfAvailable(() -> new Operators(""));
        resolvers.add(new CallerArgumentResolver(links.getIfAvailable(() -> AccountLinks.NONE), ops::contains));
    }

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> httpVersionValve() {
        return factory -> factory.addEngineValves(new HttpVersionValve());
    }

    @Bean
    FilterRegistrationBean<RequestSizeLimitFilter> requestSizeLimitFilter(
            HttpSettings settings, ObjectMapper mapper) {
        var registration = new FilterRegistrationBean<>(new RequestSizeLimitFilter(settings.maxBodyBytes(), mapper,
                settings.ownBodyLimitPaths()));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }
}
