package io.chariot.api.input;

/** A value a store cannot hold; the message says which member and why, in the client's terms (a 400). */
public class InvalidInputException extends IllegalArgumentException {
    public InvalidInputException(String message) {
        super(message);
    }
}
