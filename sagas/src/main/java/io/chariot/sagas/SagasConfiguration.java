package io.chariot.sagas;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.chariot.consistency.ConsistencyProperties;
import io.chariot.consistency.failure.ProcessingFailures;
import io.chariot.api.personal.TenantDataKeys;
import io.chariot.consistency.failure.TransientFailures;
import io.chariot.sagas.axon.AxonSagaRuntime;
import io.chariot.sagas.axon.ParkedSagaEvents;
import io.chariot.sagas.axon.SagaGroup;
import io.chariot.sagas.axon.SagaSteering;
import io.chariot.sagas.axon.SagaParkingModule;
import io.chariot.sagas.job.JobResultIngestion;
import io.chariot.sagas.job.JobResultSaga;
import io.chariot.sagas.onboarding.HttpProvider;
import io.chariot.sagas.onboarding.IntegrationOnboarding;
import io.chariot.sagas.onboarding.OnboardingProperties;
import io.chariot.sagas.onboarding.OnboardingSaga;
import io.chariot.sagas.onboarding.Provider;
import io.chariot.sagas.onboarding.SealedSecrets;
import io.chariot.sagas.purge.EventStoreTenantRecords;
import io.chariot.sagas.purge.PurgeProperties;
import io.chariot.sagas.purge.TenantPurgeSaga;
import io.chariot.sagas.purge.TenantPurging;
import io.chariot.sagas.purge.TenantRecords;
import io.chariot.sagas.remediation.RemediationCheck;
import io.chariot.sagas.remediation.RemediationProperties;
import io.chariot.sagas.remediation.RemediationSaga;
import io.chariot.sagas.runtime.SagaJournal;
import io.chariot.sagas.runtime.SagaRuntime;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.deadline.DeadlineManager;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Clock;
import java.util.List;

/**
 * The cross-context workflows. Each saga type is its own tracking processing group (see application.yml), fed from
 * Kafka, sending other contexts' commands through the command bus, so it runs unchanged whether the contexts share
 * this JVM or not. Saga groups park what they cannot handle ({@link SagaParkingModule}); the operator's view is
 * {@link SagaJournal} and {@link ParkedSagaEvents}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({RemediationProperties.class, OnboardingProperties.class, PurgeProperties.class})
public class SagasConfiguration {

    @Bean
    SagaGroup jobResultSagas() {
        return new SagaGroup(JobResultSaga.GROUP, List.of(JobResultSaga.class));
    }

    @Bean
    SagaJournal sagaJournal(JdbcTemplate jdbc, ObjectMapper json) {
        return new SagaJournal(jdbc, json, Clock.systemUTC());
    }

    @Bean
    SagaRuntime sagaRuntime(SagaJournal journal, DeadlineManager deadlines) {
        return new AxonSagaRuntime(journal, deadlines, Clock.systemUTC());
    }

    @Bean
    SagaParkingModule sagaParkingModule(List<SagaGroup> groups, TransientFailures transientFailures,
                                        ProcessingFailures failures, ConsistencyProperties properties) {
        return new SagaParkingModule(groups, transientFailures, failures, properties);
    }

    @Bean
    ParkedSagaEvents parkedSagaEvents(ObjectProvider<EventProcessingConfiguration> processing, List<SagaGroup> groups,
                                      TransactionManager transactions) {
        return new ParkedSagaEvents(processing::getObject, groups, transactions);
    }

    @Bean
    SagaGroup remediationSagas() {
        return new SagaGroup(RemediationSaga.GROUP, List.of(RemediationSaga.class));
    }

    @Bean
    RemediationCheck remediationCheck(CommandGateway commands, RemediationProperties properties) {
        return new RemediationCheck(commands, properties);
    }

    @Bean
    SagaSteering sagaSteering(SagaJournal journal, ParkedSagaEvents parked) {
        return new SagaSteering(journal, parked);
    }

    @Bean
    JobResultIngestion jobResultIngestion(CommandGateway commands, TransientFailures transientFailures) {
        return new JobResultIngestion(commands, transientFailures, Clock.systemUTC());
    }

    @Bean
    SagaGroup onboardingSagas() {
        return new SagaGroup(OnboardingSaga.GROUP, List.of(OnboardingSaga.class));
    }

    @Bean
    Provider onboardingProvider(ObjectMapper json, OnboardingProperties properties) {
        return new HttpProvider(json, properties);
    }

    /** {@link SealedSecrets} comes from the deployable, which holds the secrets key. */
    @Bean
    IntegrationOnboarding integrationOnboarding(CommandGateway commands, Provider provider, SealedSecrets secrets,
                                                OnboardingProperties properties,
                                                TransientFailures transientFailures) {
        return new IntegrationOnboarding(commands, provider, secrets, properties, transientFailures,
                Clock.systemUTC());
    }

    @Bean
    SagaGroup tenantPurgeSagas() {
        return new SagaGroup(TenantPurgeSaga.GROUP, List.of(TenantPurgeSaga.class));
    }

    @Bean
    TenantRecords tenantRecords(JdbcTemplate jdbc) {
        return new EventStoreTenantRecords(jdbc);
    }

    /** The data keys come from the deployable (crypto-shredding); without them a purge says it did not destroy any. */
    @Bean
    TenantPurging tenantPurging(CommandGateway commands, TenantRecords records,
                                ObjectProvider<TenantDataKeys> dataKeys, PurgeProperties properties,
                                TransientFailures transientFailures) {
        return new TenantPurging(commands, records, dataKeys::getIfAvailable, properties, transientFailures,
                Clock.systemUTC());
    }
}
