package io.chariot.gateway.web;

import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.modelling.command.AggregateNotFoundException;

/**
 * Whether a command failed because its aggregate does not exist (directly, or wrapped by a distributed command
 * bus). Deletes use it to answer "done" for what is not there, as Chariot's clients expect.
 */
public final class Absent {

    private Absent() {
    }

    public static boolean is(RuntimeException e) {
        return e instanceof AggregateNotFoundException
               || (e instanceof CommandExecutionException && e.getCause() instanceof AggregateNotFoundException);
    }
}
