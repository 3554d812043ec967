package io.chariot.consistency.failure;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.eventhandling.ListenerInvocationErrorHandler;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * What a processing group does when one of its handlers fails on an event. A transient failure (the store is down
 * or slow) is retried on the spot, with back-off up to a ceiling, until the store answers — the processor's token
 * does not move meanwhile and nothing is skipped. Any other failure is rethrown, for the dead-letter queue to park
 * the event. Handlers are idempotent (sequence guards), so calling one again is safe.
 * <p>
 * The retry stops when the processor stops; the failure then escapes to the processor, which rolls back its batch
 * and leaves its token where it was ({@link NeverSkipPolicy}).
 */
public final class RetryingErrorHandler implements ListenerInvocationErrorHandler {

    private final String group;
    private final TransientFailures transientFailures;
    private final ProcessingFailures failures;
    private final Duration initialDelay;
    private final Duration maxDelay;
    private final BooleanSupplier processorRunning;

    public RetryingErrorHandler(String group, TransientFailures transientFailures, ProcessingFailures failures,
                                Duration initialDelay, Duration maxDelay, BooleanSupplier processorRunning) {
        this.group = group;
        this.transientFailures = transientFailures;
        this.failures = failures;
        this.initialDelay = initialDelay;
        this.maxDelay = maxDelay;
        this.processorRunning = processorRunning;
    }

    @Override
    public void onError(Exception exception, EventMessage<?> event,
                        EventMessageHandler eventHandler) throws Exception {
        Exception failure = exception;
        long delay = initialDelay.toMillis();
        while (transientFailures.isTransient(failure)) {
            failures.failed(group, failure);
            if (!processorRunning.getAsBoolean()) {
                throw failure;
            }
            try {
                Thread.sleep(delay);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw failure;
            }
            delay = Math.min(delay * 2, maxDelay.toMillis());
            try {
                eventHandler.handle(event);
                failures.recovered(group);
                return;
            } catch (Exception again) {
                failure = again;
            }
        }
        failures.recovered(group);
        throw failure;
    }
}
