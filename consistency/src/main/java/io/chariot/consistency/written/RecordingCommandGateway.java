package io.chariot.consistency.written;

import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandCallback;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;

import java.util.List;
import java.util.function.Consumer;

/**
 * Axon's command gateway, plus: the events each command stored (from its result's metadata) are handed to the
 * collector of the thread that sent it — the HTTP request waiting to answer — captured when the command is sent,
 * because a distributed bus calls back on another thread.
 */
public class RecordingCommandGateway extends DefaultCommandGateway {

    private final WriteCollectors collectors;

    public RecordingCommandGateway(CommandBus commandBus, WriteCollectors collectors) {
        super(DefaultCommandGateway.builder().commandBus(commandBus));
        this.collectors = collectors;
    }

    @Override
    public <C, R> void send(C command, CommandCallback<? super C, ? super R> callback) {
        Consumer<List<WrittenEvent>> collector = collectors.current();
        if (collector == null) {
            super.send(command, callback);
            return;
        }
        super.<C, R>send(command, (message, result) -> {
            if (!result.isExceptional()) {
                List<WrittenEvent> written = WrittenEvents.from(result.getMetaData());
                if (!written.isEmpty()) {
                    collector.accept(written);
                }
            }
            callback.onResult(message, result);
        });
    }
}
