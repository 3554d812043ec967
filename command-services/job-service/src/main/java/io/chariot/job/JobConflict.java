package io.chariot.job;

/**
 * A job command that does not fit the job's state (claiming a job that is not queued, finishing one that is not
 * running); nothing was applied. The HTTP edge answers 409.
 */
public class JobConflict extends IllegalStateException {

    public JobConflict(String message) {
        super(message);
    }
}
