package io.chariot.account.token;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;


/**
 * API-key credentials for {@code /token} and the account links for the {@code account} header: subscribing
 * (synchronous) projections into PostgreSQL, and the bootstrap key.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(BootstrapKey.class)
public class TokenConfiguration {

    @Bean
    ApiKeyCredentials apiKeyCredentials(JdbcClient jdbc) {
        return new ApiKeyCredentials(jdbc);
    }

    @Bean
    AccountLinkDirectory accountLinkDirectory(JdbcClient jdbc) {
        return new AccountLinkDirectory(jdbc);
    }

    @Bean
    ApiKeyBootstrap apiKeyBootstrap(CommandGateway commands, ApiKeyCredentials credentials, BootstrapKey key) {
        return new ApiKeyBootstrap(commands, credentials, key.tenant(), key.apiKeyId(), key.apiKeySecret());
    }

    @Autowired
    void subscribing(EventProcessingConfigurer processing) {
        // Same transaction as the command: a key authenticates as soon as IssueApiKey returns.
        processing.registerSubscribingEventProcessor(ApiKeyCredentials.PROCESSING_GROUP);
        // Likewise an account link grants (and an unlink revokes) access as soon as its command returns.
        processing.registerSubscribingEventProcessor(AccountLinkDirectory.PROCESSING_GROUP);
        // A failed write here aborts the PostgreSQL transaction the events are appended in, and PostgreSQL turns
        // the later COMMIT into a silent ROLLBACK: logged and skipped (Axon's default), the command would answer
        // 2xx with no event stored. Propagated, the command fails and nothing is acknowledged.
        processing.registerListenerInvocationErrorHandler(ApiKeyCredentials.PROCESSING_GROUP,
                c -> PropagatingErrorHandler.instance());
        processing.registerListenerInvocationErrorHandler(AccountLinkDirectory.PROCESSING_GROUP,
                c -> PropagatingErrorHandler.instance());
    }
}
