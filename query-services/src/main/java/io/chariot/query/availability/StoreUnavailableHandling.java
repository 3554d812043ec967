package io.chariot.query.availability;

import io.chariot.projections.availability.ReadTimeouts;
import io.chariot.projections.availability.StoreUnavailableException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.neo4j.driver.exceptions.ServiceUnavailableException;
import org.neo4j.driver.exceptions.SessionExpiredException;
import org.neo4j.driver.exceptions.TransientException;
import org.redisson.client.RedisConnectionException;
import org.redisson.client.RedisTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;
import software.amazon.awssdk.core.exception.SdkClientException;

import java.io.IOException;
import java.net.URI;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.Optional;

/**
 * The one place where a store that does not answer becomes {@code 503 Service Unavailable} with {@code Retry-After}
 * and a problem document, whatever request met it: the bounded waits of the queries ({@link StoreUnavailableException})
 * and the store clients' own failures to reach their server, found anywhere in the cause chain — the DynamoDB SDK's
 * client-side errors (time-outs, refused connections), the Neo4j driver's unavailable/expired/transient errors,
 * Redisson's time-outs and connection errors, and PostgreSQL connection failures (SQL states 08xxx and 57P0x, the
 * pool's time-out) behind the event store. Nothing about the store's internals goes to the client.
 * <p>
 * A resolver rather than an {@code @ExceptionHandler}: it runs before every controller advice and answers only for
 * the failures it recognises, so it neither shadows nor is shadowed by other error handling.
 */
public class StoreUnavailableHandling implements HandlerExceptionResolver, Ordered {

    /** The problem type of a store that did not answer (a write's "stored, not yet visible" is another). */
    public static final URI STORE_UNAVAILABLE = URI.create("urn:chariot:problem:store-unavailable");
    private static final Logger log = LoggerFactory.getLogger(StoreUnavailableHandling.class);

    private final ReadTimeouts timeouts;
    private final ObjectMapper json;

    public StoreUnavailableHandling(ReadTimeouts timeouts, ObjectMapper json) {
        this.timeouts = timeouts;
        this.json = json;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public ModelAndView resolveException(HttpServletRequest request, HttpServletResponse response, Object handler,
                                         Exception exception) {
        Optional<String> store = unavailableStore(exception);
        if (store.isEmpty() || response.isCommitted()) {
            return null;
        }
        long seconds = Math.max(1, timeouts.retryAfter().toSeconds());
        log.warn("{} {}: {} unavailable ({})", request.getMethod(), request.getRequestURI(), store.get(),
                exception.toString());
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "a data store (" + store.get() + ") is not answering; retry after " + seconds + " s");
        problem.setType(STORE_UNAVAILABLE);
        problem.setTitle("Store unavailable");
        problem.setInstance(URI.create(request.getRequestURI()));
        problem.setProperty("store", store.get());
        try {
            response.resetBuffer();
            response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            json.writeValue(response.getOutputStream(), problem);
        } catch (IOException e) {
            log.debug("could not write the 503", e);
        }
        return new ModelAndView();
    }

    /** The store a failure says is unreachable, looking through the whole cause chain. */
    static Optional<String> unavailableStore(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof StoreUnavailableException e) {
                return Optional.of(e.store());
            }
            if (t instanceof SdkClientException) {
                return Optional.of("dynamodb");
            }
            if (t instanceof ServiceUnavailableException || t instanceof SessionExpiredException
                    || t instanceof TransientException) {
                return Optional.of("neo4j");
            }
            if (t instanceof RedisTimeoutException || t instanceof RedisConnectionException) {
                return Optional.of("redis");
            }
            if (t instanceof SQLTransientConnectionException || t instanceof SQLRecoverableException
                    || (t instanceof SQLException sql && connectionLost(sql))) {
                return Optional.of("postgres");
            }
        }
        return Optional.empty();
    }

    /**
     * SQL state 08xxx: connection exception; 57P01-57P03: the server shut down, crashed or is starting. HikariCP's
     * stand-in for a connection it evicted after such a failure says only "Connection is closed", without a state;
     * a unit of work that had that connection meets it on its next statement.
     */
    private static boolean connectionLost(SQLException e) {
        String state = e.getSQLState();
        if (state != null) {
            return state.startsWith("08") || state.startsWith("57P0");
        }
        return "Connection is closed".equals(e.getMessage());
    }
}
