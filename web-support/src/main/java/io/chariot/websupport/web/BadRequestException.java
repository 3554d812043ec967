package io.chariot.websupport.web;

import io.chariot.api.rejection.Rejected;
import io.chariot.api.rejection.Rejection;

/** Input the API cannot accept: a {@link Rejection.Code#INVALID} rejection, thrown at the edge. */
public class BadRequestException extends Rejected {
    public BadRequestException(String message) {
        super(Rejection.invalid(message));
    }
}
