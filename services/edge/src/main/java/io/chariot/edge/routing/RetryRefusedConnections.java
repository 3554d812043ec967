package io.chariot.edge.routing;

import java.net.ConnectException;
import org.springframework.web.servlet.function.HandlerFilterFunction;
import org.springframework.web.servlet.function.HandlerFunction;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * Tries another instance when one refuses the connection. Only a refused connection: the request never reached a
 * service, so any method may go again; a time-out or a reset after sending is left to the client (a write may have
 * happened). Gateway's own retry filter matches the exception type without its causes, and the HTTP client wraps
 * the refusal, hence this filter. The body is still unread when the connection is refused, so it is sent whole.
 */
final class RetryRefusedConnections implements HandlerFilterFunction<ServerResponse, ServerResponse> {

    private final int retries;

    RetryRefusedConnections(int retries) {
        this.retries = retries;
    }

    @Override
    public ServerResponse filter(ServerRequest request, HandlerFunction<ServerResponse> next) throws Exception {
        for (int attempt = 0; ; attempt++) {
            try {
                return next.handle(request);
            } catch (Exception e) {
                if (attempt >= retries || !refused(e)) {
                    throw e;
                }
            }
        }
    }

    static boolean refused(Throwable error) {
        return EdgeProblems.causedBy(error, ConnectException.class);
    }
}
