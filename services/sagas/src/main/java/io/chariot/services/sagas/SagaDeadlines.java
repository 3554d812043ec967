package io.chariot.services.sagas;

import io.chariot.job.config.JobProperties;
import io.chariot.job.config.PersistentDeadlines;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurationScopeAwareProvider;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.serialization.Serializer;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.context.event.EventListener;

import javax.sql.DataSource;

/**
 * The sagas' durable deadlines (remediation re-tests, onboarding's time limit, the purge's steps). In the platform
 * the job context's deadline manager serves them; here the job context does not run, so the saga service has its own
 * over a table of its own ({@value #TABLE}, V41): a scheduler picks every due row of its table, and a job service's
 * scheduler could not fire a saga's deadline (ADR 0024). Same settings as the job context's
 * ({@code chariot.jobs.deadlines.*}).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(JobProperties.class)
class SagaDeadlines {

    static final String TABLE = "saga_deadlines";

    @Bean(destroyMethod = "close")
    PersistentDeadlines sagaPersistentDeadlines(DataSource dataSource, @Lazy org.axonframework.config.Configuration axon,
                                                Serializer serializer, TransactionManager transactions,
                                                JobProperties settings) {
        return new PersistentDeadlines(dataSource, TABLE, new ConfigurationScopeAwareProvider(axon), serializer,
                transactions, settings.deadlines());
    }

    @Bean
    DeadlineManager deadlineManager(PersistentDeadlines deadlines) {
        return deadlines.manager();
    }

    /** Deadlines fire only once every saga and handler is wired. */
    @EventListener(ApplicationReadyEvent.class)
    void start(ApplicationReadyEvent ready) {
        ready.getApplicationContext().getBeanProvider(PersistentDeadlines.class).ifAvailable(PersistentDeadlines::start);
    }
}
