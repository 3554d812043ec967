package io.chariot.gateway.web;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
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
 * One place that turns rejections into {@code application/problem+json}: 400 for bad input, 404 for what the caller
 * cannot see, 409 for concurrent writes, 413 for oversized bodies. Spring's own MVC exceptions come through the
 * base class in the same format. Every detail says what is wrong in the client's terms ({@link Problems#detail}):
 * a body Jackson cannot bind is "group must be a string", never a Java type.
 */
@RestControllerAdvice
public class ProblemHandling extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandling.class);

    @ExceptionHandler(BadRequestException.class)
    ProblemDetail badRequest(BadRequestException e) {
        return Problems.of(HttpStatus.BAD_REQUEST, e.getMessage());
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ProblemDetail illegalArgument(IllegalArgumentException e) {
        return Problems.of(HttpStatus.BAD_REQUEST, e.getMessage());
    }

    @ExceptionHandler({NotFoundException.class, AggregateNotFoundException.class})
    ProblemDetail notFound(Exception e) {
        return Problems.of(HttpStatus.NOT_FOUND, e instanceof NotFoundException ? e.getMessage() : "not found");
    }

    @ExceptionHandler(ForbiddenException.class)
    ProblemDetail forbidden(ForbiddenException e) {
        return Problems.of(HttpStatus.FORBIDDEN, e.getMessage());
    }

    /** A concurrent write, or creating an aggregate whose identifier is taken. */
    @ExceptionHandler({ConcurrencyException.class, AggregateStreamCreationException.class})
    ProblemDetail conflict(Exception e) {
        return Problems.of(HttpStatus.CONFLICT, "concurrent modification, retry the request");
    }

    /** Multipart bodies are not part of this API (uploads go to signed URLs as raw bytes). */
    @ExceptionHandler(MultipartException.class)
    ProblemDetail multipart(MultipartException e) {
        return Problems.of(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "multipart bodies are not accepted; send JSON");
    }

    @ExceptionHandler(CommandExecutionException.class)
    ProblemDetail commandFailed(CommandExecutionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof IllegalArgumentException iae) {
            return illegalArgument(iae);
        }
        if (cause instanceof AggregateNotFoundException anf) {
            return notFound(anf);
        }
        if (cause instanceof ConcurrencyException || cause instanceof AggregateStreamCreationException) {
            return conflict((Exception) cause);
        }
        log.error("command failed", e);
        return Problems.of(HttpStatus.INTERNAL_SERVER_ERROR, "command failed");
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
