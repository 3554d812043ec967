package io.chariot.gateway.web;

/** Nothing the caller may see exists under that name; also what another tenant's data looks like. */
public class NotFoundException extends RuntimeException {
    public NotFoundException(String message) {
        super(message);
    }
}
