package io.chariot.gateway.web;

/** Input the API cannot accept; answered with 400 and the message as the problem's detail. */
public class BadRequestException extends RuntimeException {
    public BadRequestException(String message) {
        super(message);
    }
}
