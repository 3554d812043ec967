package io.chariot.websupport.web;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import io.chariot.api.rejection.Rejected;
import io.chariot.api.rejection.Rejection;
import io.chariot.api.rejection.Rejections;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * One place that turns rejections into {@code application/problem+json}: a {@link Rejection}'s code gives the status
 * (400 bad input, 403 not allowed, 404 what the caller cannot see, 409 conflicts), 413 for oversized bodies.
 * Spring's own MVC exceptions come through the base class in the same format. Every detail says what is wrong in the client's terms ({@link Problems#detail}):
 * a body Jackson cannot bind is "group must be a string", never a Java type.
 */
@RestControllerAdvice
public class ProblemHandling extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandling.class);

    /**
     * Every rejection, whether thrown here, by an aggregate in this process, or sent back by another process in a
     * command result's details ({@link Rejections#of}), answered by its code ({@link #statusOf}). A failure that is
     * no rejection is a fault: logged, and a 500 that says nothing of it.
     */
    @ExceptionHandler({Rejected.class, IllegalArgumentException.class, CommandExecutionException.class,
            AggregateNotFoundException.class, ConcurrencyException.class, AggregateStreamCreationException.class})
    ProblemDetail rejected(Exception e) {
        return Rejections.of(e).map(ProblemHandling::problem).orElseGet(() -> {
            log.error("command failed", e);
            return Problems.of(HttpStatus.INTERNAL_SERVER_ERROR, "command failed");
        });
    }

    /** The one mapping of a rejection to HTTP. */
    static ProblemDetail problem(Rejection rejection) {
        return Problems.of(statusOf(rejection.code()), rejection.message());
    }

    /** The status of each rejection code; the explorer's HTML error pages use it too. */
    public static HttpStatus statusOf(Rejection.Code code) {
        return switch (code) {
            case INVALID -> HttpStatus.BAD_REQUEST;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case CONFLICT -> HttpStatus.CONFLICT;
            case FORBIDDEN -> HttpStatus.FORBIDDEN;
        };
    }

    /** Multipart bodies are not part of this API (uploads go to signed URLs as raw bytes). */
    @ExceptionHandler(MultipartException.class)
    ProblemDetail multipart(MultipartException e) {
        return Problems.of(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "multipart bodies are not accepted; send JSON");
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (t instanceof RequestSizeLimitFilter.BodyTooLargeException tooLarge) {
                return handleExceptionInternal(ex, Problems.of(HttpStatus.PAYLOAD_TOO_LARGE, tooLarge.getMessage()),
                        headers, HttpStatus.PAYLOAD_TOO_LARGE, request);
            }
        }
        return handleExceptionInternal(ex, Problems.of(HttpStatus.BAD_REQUEST, unreadable(ex)), headers,
                HttpStatus.BAD_REQUEST, request);
    }

    /** Sanitises the details Spring's own handlers write (they may quote what the client sent at any length). */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
                                                             HttpStatusCode statusCode, WebRequest request) {
        if (body instanceof ProblemDetail problem) {
            problem.setDetail(Problems.detail(problem.getDetail()));
        }
        return super.handleExceptionInternal(ex, body, headers, statusCode, request);
    }

    /** Why a body could not be read, in the client's terms: where it is broken, or which member has a wrong type. */
    static String unreadable(HttpMessageNotReadableException ex) {
        Throwable cause = ex.getCause();
        if (cause == null) {
            return ex.getMessage() != null && ex.getMessage().startsWith("Required request body is missing")
                    ? "a JSON body is required" : "malformed JSON body";
        }
        if (cause instanceof StreamConstraintsException) {
            return "malformed JSON body: it nests too deep or holds too long a number or string";
        }
        if (cause instanceof ValueInstantiationException vie && vie.getCause() instanceof IllegalArgumentException iae) {
            return iae.getMessage();
        }
        if (cause instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
            return path(mismatch) + " must be " + expected(mismatch.getTargetType());
        }
        if (cause instanceof JsonParseException parse) {
            var at = parse.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            return "malformed JSON body" + where + ": " + withoutSource(parse.getOriginalMessage());
        }
        if (cause instanceof MismatchedInputException) {
            return "the JSON body must be " + expected(((MismatchedInputException) cause).getTargetType());
        }
        return "malformed JSON body";
    }

    /** Jackson's description without its own source references ("[Source: REDACTED (`StreamReadFeature…`)…"). */
    private static String withoutSource(String message) {
        if (message == null) {
            return "unreadable";
        }
        int cut = message.length();
        for (String marker : new String[]{" (start marker at", "[Source:", "\n"}) {
            int at = message.indexOf(marker);
            if (at >= 0) {
                cut = Math.min(cut, at);
            }
        }
        return message.substring(0, cut).trim();
    }

    /** {@code node.filters[0].value}: the member path as the client wrote it. */
    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "the body" : path.toString();
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "of another type";
        }
        if (CharSequence.class.isAssignableFrom(type) || type == char.class || type == Character.class) {
            return "a string";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == int.class || type == long.class || type == short.class || type == Integer.class
                || type == Long.class || type == Short.class || type == java.math.BigInteger.class) {
            return "an integer";
        }
        if (type.isPrimitive() || Number.class.isAssignableFrom(type)) {
            return "a number";
        }
        if (type.isArray() || java.util.Collection.class.isAssignableFrom(type)) {
            return "a list";
        }
        if (type.isEnum()) {
            return "one of " + java.util.Arrays.toString(type.getEnumConstants());
        }
        if (type.getName().startsWith("com.fasterxml.jackson.databind.JsonNode")) {
            return "JSON";
        }
        return "an object";
    }
}
