package io.chariot.consistency.failure;

import org.junit.jupiter.api.Test;

import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TransientFailuresTest {

    static final class StoreDown extends RuntimeException {
    }

    private final TransientFailures failures = new TransientFailures(List.of(t -> t instanceof StoreDown));

    @Test
    void aStoreRuleOrAnIoFailureAnywhereInTheCauseChainIsTransient() {
        assertThat(failures.isTransient(new StoreDown())).isTrue();
        assertThat(failures.isTransient(new IllegalStateException("wrapped", new StoreDown()))).isTrue();
        assertThat(failures.isTransient(new UncheckedIOException(new ConnectException("refused")))).isTrue();
    }

    @Test
    void aRefusedValueOrABugIsNot() {
        assertThat(failures.isTransient(new IllegalArgumentException("key too long"))).isFalse();
        assertThat(failures.isTransient(new NullPointerException())).isFalse();
    }
}
