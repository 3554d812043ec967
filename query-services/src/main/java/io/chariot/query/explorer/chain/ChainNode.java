package io.chariot.query.explorer.chain;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.chariot.query.explorer.view.EventView;

import java.util.ArrayList;
import java.util.List;

/**
 * One node of a causation tree: the request (or other origin) a chain began with, a command, a saga that reacted,
 * or an event. {@code label} is what a person reads ({@code PUT /risk}, {@code UpdateRisk},
 * {@code saga job-results}, {@code RiskStatusChanged}); {@code id} the message id where there is one; {@code event}
 * only on event nodes; {@code focus} marks the event the tree was asked for; {@code note} says what is unknown.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChainNode(Kind kind, String label, String id, EventView event, Boolean focus, String note,
                        List<ChainNode> children) {

    public enum Kind { REQUEST, ORIGIN, COMMAND, SAGA, EVENT }

    static ChainNode of(Kind kind, String label, String id) {
        return new ChainNode(kind, label, id, null, null, null, new ArrayList<>());
    }

    ChainNode withNote(String note) {
        return new ChainNode(kind, label, id, event, focus, note, children);
    }
}
