package io.chariot.api.rejection;

/**
 * The one exception that refuses a command or request: it carries a {@link Rejection}. Aggregates and controllers
 * throw it; {@link CommandRejections} puts the rejection into the command result's details so that it crosses a
 * distributed command bus.
 */
public class Rejected extends RuntimeException {

    private final Rejection rejection;

    public Rejected(Rejection rejection) {
        super(rejection.message());
        this.rejection = rejection;
    }

    public Rejection rejection() {
        return rejection;
    }

    public static Rejected invalid(String message) {
        return new Rejected(Rejection.invalid(message));
    }

    public static Rejected notFound(String message) {
        return new Rejected(Rejection.notFound(message));
    }

    public static Rejected conflict(String message) {
        return new Rejected(Rejection.conflict(message));
    }

    public static Rejected forbidden(String message) {
        return new Rejected(Rejection.forbidden(message));
    }
}
