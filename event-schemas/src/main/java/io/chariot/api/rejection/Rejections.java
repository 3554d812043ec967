package io.chariot.api.rejection;

import org.axonframework.messaging.HandlerExecutionException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;

import java.util.Optional;

/**
 * The one reading of a failure as a {@link Rejection}: from a command result's details (what arrives from another
 * process), else from the failure itself or, when a command bus wrapped it, its direct cause. Anything else is not a
 * rejection but a fault (a 500 at the HTTP edge).
 */
public final class Rejections {

    /** What {@link AggregateNotFoundException} says to a client: never which identifier it looked for. */
    static final String NOT_FOUND = "not found";
    static final String CONCURRENT = "concurrent modification, retry the request";

    private Rejections() {
    }

    public static Optional<Rejection> of(Throwable failure) {
        if (failure instanceof HandlerExecutionException wrapped) {
            Optional<Object> details = wrapped.getDetails();
            if (details.isPresent() && details.get() instanceof Rejection rejection) {
                return Optional.of(rejection);
            }
            return failure.getCause() == null || failure.getCause() == failure ? Optional.empty()
                    : classify(failure.getCause());
        }
        return classify(failure);
    }

    /** Whether the failure is a rejection with that code. */
    public static boolean is(Throwable failure, Rejection.Code code) {
        return of(failure).filter(r -> r.is(code)).isPresent();
    }

    private static Optional<Rejection> classify(Throwable t) {
        if (t instanceof Rejected rejected) {
            return Optional.of(rejected.rejection());
        }
        if (t instanceof AggregateNotFoundException) {
            return Optional.of(Rejection.notFound(NOT_FOUND));
        }
        if (t instanceof ConcurrencyException || t instanceof AggregateStreamCreationException) {
            // a concurrent write, or creating an aggregate whose identifier is taken
            return Optional.of(Rejection.conflict(CONCURRENT));
        }
        if (t instanceof IllegalArgumentException) {
            // the published language's validators (keys, inputs) throw these: bad input
            return Optional.of(Rejection.invalid(t.getMessage()));
        }
        return Optional.empty();
    }
}
