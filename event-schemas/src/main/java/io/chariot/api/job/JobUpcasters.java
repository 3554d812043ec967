package io.chariot.api.job;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chariot.api.RevisionUpcaster;

/** Upcasters of the job context's events (listed in {@link io.chariot.api.EventUpcasters}). */
public final class JobUpcasters {

    private JobUpcasters() {
    }

    /** Jobs queued before chains existed had no parent and no origin. */
    public static final class JobQueuedV1ToV2 extends RevisionUpcaster {

        public JobQueuedV1ToV2() {
            super(JobEvents.JobQueued.class, "1", "2");
        }

        @Override
        protected ObjectNode upcast(ObjectNode payload) {
            payload.putNull("parent");
            payload.putNull("origin");
            return payload;
        }
    }

    /** Runs finished before results were events carried no items; their chain's origin is the job itself. */
    public static final class JobFinishedV1ToV2 extends RevisionUpcaster {

        public JobFinishedV1ToV2() {
            super(JobEvents.JobFinished.class, "1", "2");
        }

        @Override
        protected ObjectNode upcast(ObjectNode payload) {
            ObjectNode items = payload.putObject("items");
            for (String list : new String[] {"assets", "attributes", "ports", "risks", "jobs"}) {
                items.putArray(list);
            }
            payload.put("origin", payload.path("key").asText(null));
            return payload;
        }
    }
}
