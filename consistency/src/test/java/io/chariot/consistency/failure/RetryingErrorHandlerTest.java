package io.chariot.consistency.failure;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RetryingErrorHandlerTest {

    private final ProcessingFailures failures = new ProcessingFailures(Clock.systemUTC());
    private final TransientFailures transientFailures = new TransientFailures(List.of());
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final RetryingErrorHandler handler = new RetryingErrorHandler("assets-neo4j", transientFailures, failures,
            Duration.ofMillis(1), Duration.ofMillis(5), running::get);
    private final EventMessage<String> event = GenericEventMessage.asEventMessage("payload");

    /** What the failures' listeners are told, as "failing GROUP: CAUSE" and "recovered GROUP". */
    private List<String> told() {
        List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        failures.addListener(new ProcessingFailures.Listener() {
            @Override
            public void failing(String group, String cause) {
                seen.add("failing " + group + ": " + cause);
            }

            @Override
            public void recovered(String group) {
                seen.add("recovered " + group);
            }
        });
        return seen;
    }

    /** A handler that fails {@code failures} times with the given failure, then succeeds. */
    private static EventMessageHandler failing(int times, Exception failure, AtomicInteger calls) {
        return new EventMessageHandler() {
            @Override
            public Object handle(EventMessage<?> event) throws Exception {
                if (calls.incrementAndGet() <= times) {
                    throw failure;
                }
                return null;
            }

            @Override
            public Class<?> getTargetType() {
                return Object.class;
            }
        };
    }

    @Test
    void aTransientFailureIsRetriedUntilTheStoreAnswersAndTheGroupIsReportedFailingMeanwhile() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        List<String> seen = told();

        handler.onError(new IOException("connection refused"), event, failing(4, new IOException("refused"), calls));

        assertThat(calls).hasValue(5);
        // told at the second failed attempt, with its cause
        assertThat(seen).containsExactly("failing assets-neo4j: IO: refused", "recovered assets-neo4j");
        assertThat(failures.failing("assets-neo4j")).isEmpty();
    }

    @Test
    void aFailureTheFirstRetryCuresIsNeverToldToTheWaitingWriters() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        List<String> seen = told();

        handler.onError(new IOException("deadlock, try again"), event, failing(0, new IOException("x"), calls));

        assertThat(calls).hasValue(1);
        assertThat(seen).isEmpty();
        assertThat(failures.failing("assets-neo4j")).isEmpty();
    }

    @Test
    void aFailureRetryingCannotCureIsRethrownForTheDeadLetterQueue() {
        AtomicInteger calls = new AtomicInteger();
        var refused = new IllegalArgumentException("value too large for the index");

        assertThatThrownBy(() -> handler.onError(refused, event, failing(0, refused, calls))).isSameAs(refused);
        assertThat(calls).hasValue(0);
    }

    @Test
    void aTransientFailureTurningIntoAPermanentOneIsRethrown() {
        AtomicInteger calls = new AtomicInteger();
        var permanent = new IllegalStateException("bug");

        assertThatThrownBy(() -> handler.onError(new IOException("down"), event, failing(1, permanent, calls)))
                .isSameAs(permanent);
    }

    @Test
    void theRetryEndsWhenTheProcessorStops() {
        running.set(false);
        var down = new IOException("down");

        assertThatThrownBy(() -> handler.onError(down, event, failing(Integer.MAX_VALUE, down, new AtomicInteger())))
                .isSameAs(down);
        assertThat(failures.failing("assets-neo4j")).isPresent();
    }
}
