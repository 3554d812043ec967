package io.chariot.websupport.commands;

import io.chariot.api.input.CommandInputs;
import org.axonframework.commandhandling.CommandBus;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.AutoConfiguration;

/**
 * Every deployable that dispatches commands holds them to the stores' limits first ({@link CommandInputs}): on the
 * bus, so commands from controllers, sagas and deadlines are checked alike, and a violation is thrown to the
 * dispatching thread (a 400 over HTTP) before any handler runs.
 */
@AutoConfiguration
public class CommandInputConfiguration {

    @Autowired
    void holdCommandsToStoreLimits(CommandBus commandBus) {
        commandBus.registerDispatchInterceptor(new CommandInputs());
    }
}
