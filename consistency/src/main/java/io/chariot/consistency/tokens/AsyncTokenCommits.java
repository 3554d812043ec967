package io.chariot.consistency.tokens;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Lets a read-model processor's transaction — its token, and its dead letters — commit without waiting for
 * PostgreSQL to flush its write-ahead log ({@code SET LOCAL synchronous_commit TO OFF}). A crash can then lose the
 * last few hundred milliseconds of token updates: the processor handles those events again, which changes nothing,
 * since every read model applies an aggregate's event only once (its sequence guards), and a lost dead letter goes
 * with its lost token, so the event is parked again. Commands, whose acknowledgement promises durability, keep
 * synchronous commits; so do sagas, whose handlers send commands.
 * <p>
 * Each batch of a busy processor otherwise waits for one flush before it may report its events applied — and a
 * write waiting to be visible waits for it.
 */
public final class AsyncTokenCommits implements MessageHandlerInterceptor<EventMessage<?>> {

    private static final String DONE = AsyncTokenCommits.class.getName();

    private final JdbcTemplate jdbc;

    public AsyncTokenCommits(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Object handle(UnitOfWork<? extends EventMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        // Once per transaction: a batch's messages share their unit of work and its resources.
        if (unitOfWork.resources().putIfAbsent(DONE, Boolean.TRUE) == null) {
            jdbc.execute("SET LOCAL synchronous_commit TO OFF");
        }
        return chain.proceed();
    }
}
