package io.chariot.api.probe;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chariot.api.RevisionUpcaster;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * Test-only events of a pretend "probe" context, used to show that the compatibility gate fails when it should.
 * They are not published: they live in the test sources, outside {@code PublishedEvents}.
 */
public final class ProbeEvents {

    private ProbeEvents() {
    }

    /** The shape as it was published. */
    @Revision("1")
    public record ProbeSeen(String tenant, String key, long ttl, String by, Instant at) {
    }

    /** The same event after a careless edit: ttl retyped, key removed, scanner added — still revision 1. */
    @Revision("1")
    public record ProbeSeenEdited(String tenant, String ttl, String scanner, String by, Instant at) {
    }

    /** An event at revision 2: it needs an upcaster from revision 1. */
    @Revision("2")
    public record ProbeScanned(String tenant, String key, String scanner, String by, Instant at) {
    }

    /** Revision 1 of ProbeScanned had no scanner; old events get "unknown". */
    public static final class ProbeScannedV1ToV2 extends RevisionUpcaster {
        public ProbeScannedV1ToV2() {
            super(ProbeScanned.class, "1", "2");
        }

        @Override
        protected ObjectNode upcast(ObjectNode payload) {
            return payload.put("scanner", "unknown");
        }
    }
}
