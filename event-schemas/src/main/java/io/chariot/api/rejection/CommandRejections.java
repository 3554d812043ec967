package io.chariot.api.rejection;

import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * Turns a command handler's rejection into a {@link CommandExecutionException} whose details are the
 * {@link Rejection}: a distributed command bus serializes only the details, so this is what reaches the sender's
 * process. The original exception stays the cause for a sender in the same process. Failures that are no rejection
 * pass unchanged.
 *
 * <p>Conflicts found when the unit of work commits (a concurrent append) happen after this interceptor returns:
 * {@link RejectionCarryingCommandBus} gives those their details (ADR 0016).
 */
public class CommandRejections implements MessageHandlerInterceptor<CommandMessage<?>> {

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain)
            throws Exception {
        try {
            return chain.proceed();
        } catch (CommandExecutionException alreadyCarried) {
            throw alreadyCarried;
        } catch (RuntimeException e) {
            var rejection = Rejections.of(e);
            if (rejection.isEmpty()) {
                throw e;
            }
            throw new CommandExecutionException(rejection.get().message(), e, rejection.get());
        }
    }
}
