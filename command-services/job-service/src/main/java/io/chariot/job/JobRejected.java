package io.chariot.job;

/** A job command refused for bad input; nothing was applied. An {@link IllegalArgumentException}: HTTP 400. */
public class JobRejected extends IllegalArgumentException {

    public JobRejected(String message) {
        super(message);
    }
}
