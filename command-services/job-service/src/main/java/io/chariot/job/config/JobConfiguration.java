package io.chariot.job.config;

import io.chariot.job.slots.JobSlotReleaser;
import io.chariot.job.slots.TenantSlots;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.config.ConfigurationScopeAwareProvider;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.serialization.Serializer;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Lazy;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;

import javax.sql.DataSource;

import java.time.Duration;
import java.util.Map;

/**
 * The job context's wiring: the deadline manager behind job timeouts ({@link PersistentDeadlines}: in PostgreSQL,
 * so a run's deadline survives a restart and is fired by exactly one instance; {@code chariot.jobs.deadlines.*}),
 * and the per-tenant caps on running jobs.
 * <p>
 * Caps: {@code chariot.jobs.max-running-per-tenant} (default 10) for every tenant, overridden per tenant by
 * {@code chariot.jobs.tenant-caps."[tenant@example.com]"}.
 */
@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
public class JobConfiguration {

    @Bean(destroyMethod = "close")
    PersistentDeadlines persistentDeadlines(DataSource dataSource, @Lazy Configuration axon, Serializer serializer,
                                            TransactionManager transactions,
                                            @Value("${chariot.jobs.deadlines.polling-interval:PT1S}") Duration polling,
                                            @Value("${chariot.jobs.deadlines.threads:2}") int threads) {
        return new PersistentDeadlines(dataSource, PersistentDeadlines.TABLE, new ConfigurationScopeAwareProvider(axon),
                serializer, transactions, polling, threads);
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

    /** The same Redis the read models use ({@code CHARIOT_REDIS_URL}); one client when both run in one JVM. */
    @Bean(destroyMethod = "shutdown")
    @ConditionalOnMissingBean
    RedissonClient redissonClient(@Value("${chariot.redis.url:${CHARIOT_REDIS_URL:redis://127.0.0.1:6379}}") String url) {
        var config = new org.redisson.config.Config();
        config.setCodec(org.redisson.client.codec.StringCodec.INSTANCE);
        config.useSingleServer().setAddress(url).setConnectionMinimumIdleSize(2).setConnectionPoolSize(16);
        return Redisson.create(config);
    }

    @Bean
    TenantSlots tenantSlots(RedissonClient redis, Environment environment,
                            @Value("${chariot.jobs.max-running-per-tenant:10}") int defaultCap,
                            @Value("${chariot.jobs.claim-lease:PT1M}") Duration claimLease,
                            @Value("${chariot.jobs.slot-grace:PT5M}") Duration grace) {
        Map<String, Integer> caps = Binder.get(environment)
                .bind("chariot.jobs.tenant-caps", Bindable.mapOf(String.class, Integer.class))
                .orElse(Map.of());
        return new TenantSlots(redis, defaultCap, caps, claimLease, grace);
    }

    @Bean
    JobSlotReleaser jobSlotReleaser(TenantSlots slots) {
        return new JobSlotReleaser(slots);
    }
}
