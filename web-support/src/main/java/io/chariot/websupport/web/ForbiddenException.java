package io.chariot.websupport.web;

import io.chariot.api.rejection.Rejected;
import io.chariot.api.rejection.Rejection;

/** The caller is authenticated but its role or account link does not allow this. */
public class ForbiddenException extends Rejected {
    public ForbiddenException(String message) {
        super(Rejection.forbidden(message));
    }
}
