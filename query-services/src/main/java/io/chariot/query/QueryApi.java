package io.chariot.query;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The query side's HTTP surface ({@code /my}, the event explorer): on unless {@code chariot.query.api.enabled=false}.
 * A command service that answers another context's question over the query bus from the read stores (the job
 * service's queued jobs, the asset service's keys under a prefix) holds the searchers without serving the API, which
 * is the query service's (ADR 0024).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@Documented
@ConditionalOnProperty(name = "chariot.query.api.enabled", havingValue = "true", matchIfMissing = true)
public @interface QueryApi {
}
