package io.chariot.websupport.web;

import jakarta.servlet.ServletException;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * A request line naming an HTTP version this server does not speak ({@code HTTP/9.9}, {@code HTTP/2.0} without an
 * upgrade) is a client error: 400 {@code application/problem+json} instead of Tomcat's own 505 page. Tomcat marks
 * such a request before any filter runs, so this sits at the front of its engine's pipeline.
 */
public class HttpVersionValve extends ValveBase {

    private static final byte[] PROBLEM = ("{\"type\":\"about:blank\",\"title\":\"Bad Request\",\"status\":400,"
            + "\"detail\":\"this server speaks HTTP/1.1 and HTTP/1.0\"}").getBytes(StandardCharsets.UTF_8);

    public HttpVersionValve() {
        super(true);
    }

    @Override
    public void invoke(Request request, Response response) throws IOException, ServletException {
        String protocol = request.getProtocol();
        if (protocol == null || protocol.isEmpty() || protocol.equals("HTTP/1.1") || protocol.equals("HTTP/1.0")) {
            getNext().invoke(request, response);
            return;
        }
        response.setStatus(400);
        response.setContentType("application/problem+json");
        response.setContentLength(PROBLEM.length);
        response.getOutputStream().write(PROBLEM);
    }
}
