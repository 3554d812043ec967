package io.chariot.edge.routing;

import java.net.http.HttpConnectTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.function.HandlerFilterFunction;
import org.springframework.web.servlet.function.HandlerFunction;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/** What a client sees when the edge cannot reach a service: problem+json naming the service, never a stack. */
final class EdgeProblems implements HandlerFilterFunction<ServerResponse, ServerResponse> {

    private static final Logger log = LoggerFactory.getLogger(EdgeProblems.class);

    private final ChariotService service;

    EdgeProblems(ChariotService service) {
        this.service = service;
    }

    @Override
    public ServerResponse filter(ServerRequest request, HandlerFunction<ServerResponse> next) {
        try {
            return next.handle(request);
        } catch (Exception e) {
            return answer(service, e);
        }
    }

    static ServerResponse answer(ChariotService service, Throwable error) {
        HttpStatus status;
        String detail;
        if (error instanceof ResponseStatusException e && e.getStatusCode().value() == 503) {
            status = HttpStatus.SERVICE_UNAVAILABLE;
            detail = "no instance of the " + service.id() + " service is available";
        } else if (RetryRefusedConnections.refused(error) || causedBy(error, HttpConnectTimeoutException.class)) {
            status = HttpStatus.SERVICE_UNAVAILABLE;
            detail = "the " + service.id() + " service did not accept the connection; try again shortly";
        } else {
            status = HttpStatus.BAD_GATEWAY;
            detail = "the " + service.id() + " service did not answer";
        }
        log.warn("{} for {}: {}", status.value(), service.id(), error.toString());
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        return ServerResponse.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    static boolean causedBy(Throwable error, Class<? extends Throwable> type) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
