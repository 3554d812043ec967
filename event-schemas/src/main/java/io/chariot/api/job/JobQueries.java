package io.chariot.api.job;

import java.util.List;

/** Queries of the job context, answered by the jobs read model. */
public final class JobQueries {

    private JobQueries() {
    }

    /**
     * The keys of a tenant's queued jobs, oldest first, at most {@code limit}; only jobs of the given capabilities
     * when the list is not empty. Eventually consistent: a job listed may have been claimed meanwhile.
     */
    public record FindQueuedJobs(String tenant, List<String> capabilities, int limit) {
    }

    public record QueuedJobs(List<String> keys) {
    }
}
