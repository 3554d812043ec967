package io.chariot.runtime.health;

import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Status;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class BoundedHealthCheckTest {

    @Test
    void aStoreThatDoesNotAnswerIsDownWithinTheTimeoutAndIsNotAskedAgainWhileItHangs() throws Exception {
        CountDownLatch storeAnswers = new CountDownLatch(1);
        AtomicInteger asked = new AtomicInteger();
        var check = new BoundedHealthCheck("stalled", Duration.ofMillis(200), health -> {
            asked.incrementAndGet();
            storeAnswers.await();
        });
        assertThat(check.health().getStatus()).isEqualTo(Status.DOWN);
        assertThat(check.health().getDetails().get("error")).isEqualTo("stalled did not answer within PT0.2S");
        assertThat(asked).hasValue(1);

        storeAnswers.countDown();
        assertThat(check.health().getStatus()).isEqualTo(Status.UP);
    }

    @Test
    void aCheckThatThrowsIsDownWithTheReason() {
        var check = new BoundedHealthCheck("broken", Duration.ofSeconds(5), health -> {
            throw new IllegalStateException("connection refused");
        });
        var health = check.health();
        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails().get("error")).asString().contains("connection refused");
    }
}
