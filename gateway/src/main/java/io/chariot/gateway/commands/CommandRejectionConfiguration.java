package io.chariot.gateway.commands;

import io.chariot.api.rejection.CommandRejections;
import org.axonframework.commandhandling.CommandBus;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.AutoConfiguration;

/**
 * Every deployable that handles commands returns its rejections as command result details ({@link CommandRejections}),
 * so a sender in another process reads the same rejection as one in this process (ADR 0016).
 */
@AutoConfiguration
public class CommandRejectionConfiguration {

    @Autowired
    void returnRejectionsAsDetails(CommandBus commandBus) {
        commandBus.registerHandlerInterceptor(new CommandRejections());
    }
}
