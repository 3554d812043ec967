package io.chariot.websupport.web;

import io.chariot.api.rejection.Rejected;
import io.chariot.api.rejection.Rejection;

/** Nothing the caller may see exists under that name; also what another tenant's data looks like. */
public class NotFoundException extends Rejected {
    public NotFoundException(String message) {
        super(Rejection.notFound(message));
    }
}
