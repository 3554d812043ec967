package io.chariot.websupport.commands;

import io.chariot.api.rejection.CommandRejections;
import io.chariot.api.rejection.RejectionCarryingCommandBus;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandBusSpanFactory;
import org.axonframework.commandhandling.DuplicateCommandHandlerResolver;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.messaging.interceptors.CorrelationDataInterceptor;
import org.axonframework.springboot.autoconfig.AxonAutoConfiguration;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Every deployable that handles commands returns its rejections as command result details ({@link CommandRejections}),
 * so a sender in another process reads the same rejection as one in this process (ADR 0016).
 */
@AutoConfiguration(before = AxonAutoConfiguration.class)
public class CommandRejectionConfiguration {

    /**
     * Axon's local command bus, as its auto-configuration builds it, but one whose results carry conflicts found at
     * commit too ({@link RejectionCarryingCommandBus}); being here first, Axon's own stands aside. Static: the
     * interceptor registration below needs the bus, so the bus must not need this configuration's instance.
     */
    @Bean
    @Qualifier("localSegment")
    @ConditionalOnMissingBean(value = CommandBus.class, ignoredType = {
            "org.axonframework.commandhandling.distributed.DistributedCommandBus",
            "org.axonframework.axonserver.connector.command.AxonServerCommandBus"})
    static SimpleCommandBus localCommandBus(TransactionManager transactions, Configuration axon,
                                            DuplicateCommandHandlerResolver duplicates) {
        SimpleCommandBus bus = RejectionCarryingCommandBus.builder()
                .transactionManager(transactions)
                .duplicateCommandHandlerResolver(duplicates)
                .spanFactory(axon.getComponent(CommandBusSpanFactory.class))
                .messageMonitor(axon.messageMonitor(CommandBus.class, "commandBus"))
                .build();
        bus.registerHandlerInterceptor(new CorrelationDataInterceptor<>(axon.correlationDataProviders()));
        return bus;
    }

    @Autowired
    void returnRejectionsAsDetails(CommandBus commandBus) {
        commandBus.registerHandlerInterceptor(new CommandRejections());
    }
}
