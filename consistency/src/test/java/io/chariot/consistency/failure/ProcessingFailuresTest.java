package io.chariot.consistency.failure;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.UncheckedIOException;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class ProcessingFailuresTest {

    @Test
    void aFailureIsDescribedByItsDeepestCausesSimpleNameAndMessageWithoutAPackage() {
        var failure = new IllegalStateException("outer", new UncheckedIOException(new IOException("store went away")));

        assertThat(ProcessingFailures.describe(failure))
                .isEqualTo("IOException: store went away")
                .doesNotContain("java.");
    }

    @Test
    void aFailureWithoutAMessageIsDescribedByItsTypeAlone() {
        assertThat(ProcessingFailures.describe(new IllegalStateException())).isEqualTo("IllegalStateException");
    }

    @Test
    void aLongMessageIsCutSoThatAStatusAnswerStaysSmall() {
        String described = ProcessingFailures.describe(new IllegalStateException("x".repeat(1_000)));

        assertThat(described).hasSize(301).endsWith("…");
    }
}
