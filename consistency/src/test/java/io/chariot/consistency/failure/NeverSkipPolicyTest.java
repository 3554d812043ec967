package io.chariot.consistency.failure;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.deadletter.Cause;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.EnqueueDecision;
import org.axonframework.messaging.deadletter.GenericDeadLetter;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NeverSkipPolicyTest {

    private final NeverSkipPolicy policy = new NeverSkipPolicy(new TransientFailures(List.of()));
    private final DeadLetter<EventMessage<?>> letter =
            new GenericDeadLetter<>("t#asset#a", GenericEventMessage.asEventMessage("payload"));

    @Test
    void aPermanentFailureParksTheEventWithItsRootCause() {
        var failure = new IllegalStateException("handler failed",
                new IllegalArgumentException("property too large for the index"));

        EnqueueDecision<EventMessage<?>> decision = policy.decide(letter, failure);

        assertThat(decision.shouldEnqueue()).isTrue();
        Cause cause = (Cause) decision.enqueueCause().orElseThrow();
        assertThat(cause.type()).isEqualTo(IllegalArgumentException.class.getName());
        assertThat(cause.message()).isEqualTo("property too large for the index");
    }

    @Test
    void aTransientFailureIsNeverSkippedNorParkedButThrownSoTheBatchIsRetried() {
        var down = new IOException("store down");

        assertThatThrownBy(() -> policy.decide(letter, down)).isInstanceOf(NeverSkipPolicy.RetryLaterException.class)
                .hasCause(down);
    }
}
