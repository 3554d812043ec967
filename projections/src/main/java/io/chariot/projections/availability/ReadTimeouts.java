package io.chariot.projections.availability;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * How long a query may wait for a read store ({@code chariot.query.read-timeout}, 5 s) and what a refused client is
 * told to wait before retrying ({@code chariot.query.retry-after}, 5 s). A stalled store then costs a request thread
 * at most the timeout, never the stall: the store clients get it as their own time-out where they have one (the
 * DynamoDB SDK's API call time-out) and as a bound on their asynchronous call otherwise (the Neo4j driver and Redisson
 * cannot bound a single blocking read on a connection whose server stopped answering).
 */
@ConfigurationProperties("chariot.query")
public record ReadTimeouts(Duration readTimeout, Duration retryAfter) {

    public ReadTimeouts {
        readTimeout = readTimeout == null ? Duration.ofSeconds(5) : readTimeout;
        retryAfter = retryAfter == null ? Duration.ofSeconds(5) : retryAfter;
        if (readTimeout.isNegative() || readTimeout.isZero()) {
            throw new IllegalArgumentException("chariot.query.read-timeout must be positive");
        }
    }

    /** A deadline shared by the calls of one request. */
    public Deadline deadline() {
        return new Deadline(System.nanoTime() + readTimeout.toNanos());
    }

    public record Deadline(long nanos) {

        /** The call's result, or {@link StoreUnavailableException} once the deadline passed. */
        public <T> T await(String store, CompletionStage<T> call) {
            var future = call.toCompletableFuture();
            try {
                return future.get(Math.max(0, nanos - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                future.cancel(true);
                throw new StoreUnavailableException(store, "did not answer in time", e);
            } catch (ExecutionException | CompletionException e) {
                Throwable cause = e.getCause() == null ? e : e.getCause();
                if (cause instanceof RuntimeException runtime) {
                    throw runtime; // the client's own failure: mapped where all store failures are
                }
                throw new StoreUnavailableException(store, "failed: " + cause.getMessage(), cause);
            } catch (CancellationException e) {
                throw new StoreUnavailableException(store, "call was cancelled", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StoreUnavailableException(store, "call was interrupted", e);
            }
        }

        public Duration remaining() {
            return Duration.ofNanos(Math.max(1_000_000, nanos - System.nanoTime()));
        }
    }
}
