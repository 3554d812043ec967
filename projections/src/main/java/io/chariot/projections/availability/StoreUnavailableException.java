package io.chariot.projections.availability;

/** A store did not answer within its bound: the request is answered 503 with {@code Retry-After}, never held. */
public class StoreUnavailableException extends RuntimeException {

    private final String store;

    public StoreUnavailableException(String store, String why, Throwable cause) {
        super(store + " " + why, cause);
        this.store = store;
    }

    /** {@code dynamodb}, {@code neo4j}, {@code redis} or {@code postgres}. */
    public String store() {
        return store;
    }
}
