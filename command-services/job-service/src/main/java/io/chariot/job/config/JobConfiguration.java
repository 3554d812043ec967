package io.chariot.job.config;

import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.config.ConfigurationScopeAwareProvider;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.SimpleDeadlineManager;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Lazy;

/**
 * The job context's wiring: the deadline manager behind job timeouts. {@link SimpleDeadlineManager} keeps deadlines
 * in memory, which is enough for one JVM; deadlines of runs in flight are lost on restart (a persistent manager —
 * JDBC/Quartz/db-scheduler — is the multi-node follow-up).
 */
@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
public class JobConfiguration {

    @Bean
    @ConditionalOnMissingBean(DeadlineManager.class)
    DeadlineManager deadlineManager(@Lazy Configuration axon, TransactionManager transactions) {
        return SimpleDeadlineManager.builder()
                .scopeAwareProvider(new ConfigurationScopeAwareProvider(axon))
                .transactionManager(transactions)
                .build();
    }
}
