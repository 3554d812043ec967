package io.chariot.routing;

import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandCallback;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.distributed.CommandBusConnector;
import org.axonframework.commandhandling.distributed.Member;
import org.axonframework.common.Registration;
import org.axonframework.extensions.jgroups.commandhandling.JGroupsConnector;
import org.axonframework.messaging.MessageHandler;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.jgroups.Address;
import org.jgroups.JChannel;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Sends a command to the instance that owns its aggregate: over JGroups when that is another instance, straight to
 * the local bus when it is this one. JGroups would otherwise loop this instance's own commands through its channel,
 * serialised, on another thread — so a command of an aggregate this instance owns behaves exactly as on the
 * embedded platform's local bus (same thread, same unit-of-work nesting, the handler's own exception as the cause).
 */
final class LocalFirstConnector implements CommandBusConnector {

    private final JGroupsConnector remote;
    private final CommandBus localSegment;
    private final JChannel channel;

    LocalFirstConnector(JGroupsConnector remote, CommandBus localSegment, JChannel channel) {
        this.remote = remote;
        this.localSegment = localSegment;
        this.channel = channel;
    }

    @Override
    public <C> void send(Member destination, CommandMessage<? extends C> command) throws Exception {
        if (isThisInstance(destination)) {
            localSegment.dispatch(command);
        } else {
            remote.send(destination, command);
        }
    }

    @Override
    public <C, R> void send(Member destination, CommandMessage<C> command,
                            CommandCallback<? super C, R> callback) throws Exception {
        if (isThisInstance(destination)) {
            localSegment.dispatch(command, callback);
        } else {
            remote.send(destination, command, callback);
        }
    }

    /**
     * By address, not {@link Member#local()}: the connector records its own membership broadcast, which reaches this
     * instance too, as a non-local member.
     */
    private boolean isThisInstance(Member destination) {
        Address self = channel.getAddress();
        return self != null && destination.getConnectionEndpoint(Address.class).map(self::equals).orElse(false);
    }

    @Override
    public Registration subscribe(String commandName, MessageHandler<? super CommandMessage<?>> handler) {
        return remote.subscribe(commandName, handler);
    }

    @Override
    public Registration registerHandlerInterceptor(
            MessageHandlerInterceptor<? super CommandMessage<?>> handlerInterceptor) {
        return localSegment.registerHandlerInterceptor(handlerInterceptor);
    }

    @Override
    public Optional<CommandBus> localSegment() {
        return Optional.of(localSegment);
    }

    @Override
    public CompletableFuture<Void> initiateShutdown() {
        return remote.initiateShutdown();
    }
}
