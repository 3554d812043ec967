package io.chariot.personal;

/**
 * A personal field whose ciphertext cannot be read although its tenant's key exists: tampered, truncated, or
 * encrypted under another key. Never turned into an erased value — that would hide corruption as an erasure.
 */
public class UnreadablePersonalDataException extends RuntimeException {

    public UnreadablePersonalDataException(String message) {
        super(message);
    }

    public UnreadablePersonalDataException(String message, Throwable cause) {
        super(message, cause);
    }
}
