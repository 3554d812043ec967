package io.chariot.consistency.failure;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.UncheckedIOException;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class ProcessingFailuresTest {

    @Test
    void aFailureIsDescribedInWordsByItsDeepestCausesKindAndMessageWithoutATypeName() {
        var failure = new IllegalStateException("outer", new UncheckedIOException(new IOException("store went away")));

        assertThat(ProcessingFailures.describe(failure)).isEqualTo("IO: store went away");
    }

    @Test
    void aFailureWithoutAMessageIsDescribedByItsKindAlone() {
        assertThat(ProcessingFailures.describe(new IllegalStateException())).isEqualTo("illegal state");
        assertThat(ProcessingFailures.describe(new OutOfMemoryError())).isEqualTo("out of memory");
    }

    @Test
    void typeNamesQuotedInTheMessageBecomeWordsToo() {
        var failure = new RuntimeException(new TransientFailure(
                "Database unavailable: org.neo4j.driver.exceptions.ServiceUnavailableException: "
                        + "java.net.ConnectException: Connection refused (SocketTimeoutException)"));

        assertThat(ProcessingFailures.describe(failure)).isEqualTo(
                "transient failure: Database unavailable: service unavailable: connect: Connection refused "
                        + "(socket timeout)");
    }

    @Test
    void aLongMessageIsCutSoThatAStatusAnswerStaysSmall() {
        String described = ProcessingFailures.describe(new IllegalStateException("x".repeat(1_000)));

        assertThat(described).hasSize(301).endsWith("…");
    }

    /** Named as Neo4j's driver names its retryable failures. */
    static final class TransientFailure extends RuntimeException {
        TransientFailure(String message) {
            super(message);
        }
    }
}
