package io.chariot.api.asset;

/** A key or natural field that does not follow Chariot's formats (chariot-api.md §2.2). */
public class InvalidKeyException extends IllegalArgumentException {
    public InvalidKeyException(String message) {
        super(message);
    }
}
