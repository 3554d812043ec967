package io.chariot.migration.source;

/** An export that cannot be trusted as a whole (missing manifest, wrong checksum or count): nothing is imported. */
public class SourceException extends RuntimeException {
    public SourceException(String message) {
        super(message);
    }

    public SourceException(String message, Throwable cause) {
        super(message, cause);
    }
}
