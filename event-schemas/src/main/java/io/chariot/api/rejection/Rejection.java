package io.chariot.api.rejection;

import java.io.Serializable;
import java.util.Objects;

/**
 * Why a command or request was refused, in the client's terms; nothing was applied. It is plain data so that it
 * travels as a command result's details: across a distributed command bus only details survive serialization, never
 * the exception's type (ADR 0016).
 *
 * @param code    what kind of refusal; the HTTP edge maps it to a status in one place
 * @param message what is wrong, for the client
 */
public record Rejection(Code code, String message) implements Serializable {

    public enum Code {
        /** Input outside the language or a rule of the aggregate: a key, a status, a value out of range. */
        INVALID,
        /** Nothing the caller may see exists under that name. */
        NOT_FOUND,
        /** The request does not fit the current state, or a concurrent write won. */
        CONFLICT,
        /** The caller is known but not allowed to do this. */
        FORBIDDEN
    }

    public Rejection {
        Objects.requireNonNull(code, "code");
    }

    public static Rejection invalid(String message) {
        return new Rejection(Code.INVALID, message);
    }

    public static Rejection notFound(String message) {
        return new Rejection(Code.NOT_FOUND, message);
    }

    public static Rejection conflict(String message) {
        return new Rejection(Code.CONFLICT, message);
    }

    public static Rejection forbidden(String message) {
        return new Rejection(Code.FORBIDDEN, message);
    }

    public boolean is(Code code) {
        return this.code == code;
    }
}
