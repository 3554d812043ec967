package io.chariot.edge.routing;

import java.net.ConnectException;
import java.net.URI;
import org.springframework.cloud.gateway.server.mvc.common.MvcUtils;
import org.springframework.web.servlet.function.HandlerFilterFunction;
import org.springframework.web.servlet.function.HandlerFunction;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * Tries another instance when one refuses the connection, and tells {@link RefusingInstances} which one refused. Only a refused connection: the request never reached a
 * service, so any method may go again; a time-out or a reset after sending is left to the client (a write may have
 * happened). Gateway's own retry filter matches the exception type without its causes, and the HTTP client wraps
 * the refusal, hence this filter. The body is still unread when the connection is refused, so it is sent whole.
 */
final class RetryRefusedConnections implements HandlerFilterFunction<ServerResponse, ServerResponse> {

    private final int retries;
    private final RefusingInstances refusing;

    RetryRefusedConnections(int retries, RefusingInstances refusing) {
        this.retries = retries;
        this.refusing = refusing;
    }

    @Override
    public ServerResponse filter(ServerRequest request, HandlerFunction<ServerResponse> next) throws Exception {
        for (int attempt = 0; ; attempt++) {
            try {
                return next.handle(request);
            } catch (Exception e) {
                if (!refused(e)) {
                    throw e;
                }
                // the instance the load balancer chose for this attempt: left out of the next choices for a while
                if (request.attributes().get(MvcUtils.GATEWAY_REQUEST_URL_ATTR) instanceof URI chosen) {
                    refusing.refused(chosen);
                }
                if (attempt >= retries) {
                    throw e;
                }
            }
        }
    }

    static boolean refused(Throwable error) {
        return EdgeProblems.causedBy(error, ConnectException.class);
    }
}
