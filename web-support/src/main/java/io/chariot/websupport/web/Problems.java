package io.chariot.websupport.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

import java.io.IOException;
import java.util.regex.Pattern;

/**
 * RFC 9457 problem documents: built here so every detail is safe to show, and written here where no controller
 * advice reaches (filters, security entry points).
 */
public final class Problems {

    private static final Logger log = LoggerFactory.getLogger(Problems.class);
    /** Details quote what the client sent; a long value is cut, it only has to be recognisable. */
    static final int MAX_DETAIL = 300;
    /** A Java type or member name ({@code java.util.ArrayList}, {@code io.chariot.x.Y.method(}): never for clients. */
    private static final Pattern JAVA_NAME = Pattern.compile(
            "\\b(?:java|javax|jakarta|org|com|io|net|sun)(?:\\.[a-z_][a-z0-9_]*)+\\.[A-Z][\\w$]*");

    private Problems() {
    }

    /** A problem whose detail is {@link #detail safe}. */
    public static ProblemDetail of(HttpStatusCode status, String detail) {
        return ProblemDetail.forStatusAndDetail(status, detail(detail));
    }

    /**
     * What a client may read of a message: no Java type names (a message that has one is replaced by a generic one
     * and logged, so the code that wrote it can be fixed), no control characters or unpaired surrogates, at most
     * {@value #MAX_DETAIL} characters.
     */
    public static String detail(String message) {
        if (message == null || message.isBlank()) {
            return null;
        }
        if (JAVA_NAME.matcher(message).find()) {
            log.warn("a problem detail named Java internals and was replaced: {}", message);
            return "the request is not valid";
        }
        StringBuilder out = new StringBuilder(Math.min(message.length(), MAX_DETAIL + 1));
        for (int i = 0; i < message.length() && out.length() < MAX_DETAIL; i++) {
            char c = message.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < message.length()
                    && Character.isLowSurrogate(message.charAt(i + 1))) {
                out.append(c).append(message.charAt(++i));
            } else if (Character.isSurrogate(c) || (Character.isISOControl(c) && c != '\n')) {
                out.append('\uFFFD');
            } else {
                out.append(c);
            }
        }
        if (out.length() < message.length()) {
            out.append('…');
        }
        return out.toString();
    }

    public static void write(HttpServletResponse response, ObjectMapper mapper, HttpStatus status, String detail)
            throws IOException {
        ProblemDetail problem = of(status, detail);
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        mapper.writeValue(response.getOutputStream(), problem);
    }
}
