package io.chariot.worker;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * One capability the worker can run (the runtime side of a catalogue entry, chariot-api.md §2.5). It gets the
 * claimed job and returns the result's items as {@code {type, model}} wrappers; an exception fails the run (JF)
 * with the exception's message as the reason.
 */
public interface Capability {

    /** The catalogue name, e.g. {@code http-probe}. */
    String name();

    String description();

    List<ObjectNode> run(ClaimedJob job, Progress progress) throws Exception;

    /** Where a capability reports what it is doing (one line each). */
    interface Progress {
        void line(String message);
    }
}
