package io.chariot.gateway.web;

/** The caller is authenticated but its role or account link does not allow this. */
public class ForbiddenException extends RuntimeException {
    public ForbiddenException(String message) {
        super(message);
    }
}
