package io.chariot.query.explorer.web;

import io.chariot.api.rejection.Rejected;
import io.chariot.api.rejection.Rejection;
import io.chariot.api.rejection.Rejections;
import io.chariot.websupport.web.ProblemHandling;
import io.chariot.websupport.web.Problems;
import io.chariot.query.explorer.travel.AggregateReplay;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.ModelAndView;

import java.util.NoSuchElementException;

/**
 * Errors on the explorer's pages are pages too (the API's stay problem+json): what was wrong, in the words of the
 * request, and a way back. Nothing internal is shown.
 */
@ControllerAdvice(assignableTypes = LoginController.class, annotations = ExplorerPage.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
public class ExplorerErrors {

    private static final Logger log = LoggerFactory.getLogger(ExplorerErrors.class);

    /** A rejection's status comes from the API's one mapping ({@link ProblemHandling#statusOf}). */
    @ExceptionHandler({Rejected.class, IllegalArgumentException.class})
    ModelAndView rejected(RuntimeException e, HttpServletResponse response) {
        Rejection rejection = Rejections.of(e).orElseGet(() -> Rejection.invalid(e.getMessage()));
        return page(ProblemHandling.statusOf(rejection.code()), rejection.message(), response);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ModelAndView typeMismatch(MethodArgumentTypeMismatchException e, HttpServletResponse response) {
        return page(HttpStatus.BAD_REQUEST, e.getName() + " must be a number", response);
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ModelAndView missing(MissingServletRequestParameterException e, HttpServletResponse response) {
        return page(HttpStatus.BAD_REQUEST, e.getParameterName() + " is required", response);
    }

    @ExceptionHandler(NoSuchElementException.class)
    ModelAndView notFound(NoSuchElementException e, HttpServletResponse response) {
        return page(HttpStatus.NOT_FOUND, e.getMessage(), response);
    }

    @ExceptionHandler(AggregateReplay.ReplayFailedException.class)
    ModelAndView replayFailed(AggregateReplay.ReplayFailedException e, HttpServletResponse response) {
        log.error("time travel failed", e);
        return page(HttpStatus.INTERNAL_SERVER_ERROR, e.getMessage(), response);
    }

    private static ModelAndView page(HttpStatus status, String message, HttpServletResponse response) {
        response.setStatus(status.value());
        ModelAndView page = new ModelAndView("explorer/error", status);
        page.addObject("status", status.value());
        page.addObject("reason", status.getReasonPhrase());
        page.addObject("message", Problems.detail(message));
        return page;
    }
}
