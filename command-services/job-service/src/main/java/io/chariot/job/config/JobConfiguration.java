package io.chariot.job.config;

import io.chariot.job.slots.JobSlotReleaser;
import io.chariot.job.slots.TenantSlots;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.config.ConfigurationScopeAwareProvider;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.serialization.Serializer;
import org.redisson.api.RedissonClient;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Lazy;
import org.springframework.context.event.EventListener;

import javax.sql.DataSource;


/**
 * The job context's wiring: the deadline manager behind job timeouts ({@link PersistentDeadlines}: in PostgreSQL,
 * so a run's deadline survives a restart and is fired by exactly one instance; {@code chariot.jobs.deadlines.*}),
 * and the per-tenant caps on running jobs.
 * <p>
 * Caps: {@code chariot.jobs.max-running-per-tenant} (default 10) for every tenant, overridden per tenant by
 * {@code chariot.jobs.tenant-caps."[tenant@example.com]"} ({@link JobProperties}). The permits live in Redis, on the
 * one {@link RedissonClient} the read stores' configuration provides.
 */
@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(JobProperties.class)
public class JobConfiguration {

    @Bean(destroyMethod = "close")
    PersistentDeadlines persistentDeadlines(DataSource dataSource, @Lazy Configuration axon, Serializer serializer,
                                            TransactionManager transactions, JobProperties settings) {
        return new PersistentDeadlines(dataSource, PersistentDeadlines.TABLE, new ConfigurationScopeAwareProvider(axon),
                serializer, transactions, settings.deadlines());
    }

    @Bean
    @ConditionalOnMissingBean(DeadlineManager.class)
    DeadlineManager deadlineManager(PersistentDeadlines deadlines) {
        return deadlines.manager();
    }

    /** Deadlines fire only once every aggregate and handler is wired. */
    @EventListener(ApplicationReadyEvent.class)
    public void startDeadlines(ApplicationReadyEvent ready) {
        ready.getApplicationContext().getBeanProvider(PersistentDeadlines.class).ifAvailable(PersistentDeadlines::start);
    }

    @Bean
    TenantSlots tenantSlots(RedissonClient redis, JobProperties settings) {
        return new TenantSlots(redis, settings.maxRunningPerTenant(), settings.tenantCaps(), settings.claimLease(),
                settings.slotGrace());
    }

    @Bean
    JobSlotReleaser jobSlotReleaser(TenantSlots slots) {
        return new JobSlotReleaser(slots);
    }
}
