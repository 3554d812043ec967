package io.chariot.routing;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.axonframework.commandhandling.distributed.CommandBusConnectorCommunicationException;
import org.axonframework.commandhandling.distributed.CommandDispatchException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;

import java.io.IOException;
import java.net.URI;

/**
 * A command whose owning instance went away before it answered (killed, partitioned: the connection failed, or the
 * view dropped it while the command was in flight) answers {@code 503} with {@code Retry-After: 1} and a problem
 * document: the next view routes the aggregate to a survivor within seconds (ADR 0025), so a retry succeeds. The
 * write may or may not have been stored, which a retried PUT does not mind. Without this it was a 500.
 */
final class OwnerUnavailableHandling implements HandlerExceptionResolver, Ordered {

    static final URI OWNER_UNAVAILABLE = URI.create("urn:chariot:problem:command-owner-unavailable");
    private static final Logger log = LoggerFactory.getLogger(OwnerUnavailableHandling.class);

    private final ObjectMapper json;

    OwnerUnavailableHandling(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public ModelAndView resolveException(HttpServletRequest request, HttpServletResponse response, Object handler,
                                         Exception exception) {
        if (!ownerWentAway(exception) || response.isCommitted()) {
            return null;
        }
        log.warn("{} {}: the instance handling the command went away ({})", request.getMethod(),
                request.getRequestURI(), exception.toString());
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "the instance handling this record went away before it answered; the write may or may not be "
                        + "stored: retry after 1 s");
        problem.setType(OWNER_UNAVAILABLE);
        problem.setTitle("Command owner unavailable");
        problem.setInstance(URI.create(request.getRequestURI()));
        try {
            response.resetBuffer();
            response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
            response.setHeader(HttpHeaders.RETRY_AFTER, "1");
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            json.writeValue(response.getOutputStream(), problem);
        } catch (IOException e) {
            log.debug("could not write the 503", e);
        }
        return new ModelAndView();
    }

    /** Axon's failures of a command that did not reach its owner or got no answer from it, anywhere in the chain. */
    static boolean ownerWentAway(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof CommandBusConnectorCommunicationException || t instanceof CommandDispatchException) {
                return true;
            }
        }
        return false;
    }
}
