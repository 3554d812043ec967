package io.chariot.query.explorer.chain;

import io.chariot.query.explorer.view.EventView;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the tree of one correlation (everything one request, or other origin, caused) from its events alone.
 * Commands are not stored, so they are reconstructed from their events' metadata: events sharing a causation id
 * were applied by one command (its id), named by {@code command}; a command whose events carry a
 * {@code commandCause} was sent in reaction to that event — by the saga named in {@code commandSender} — and hangs
 * under it; any other command hangs under the origin. Events stored before this metadata existed still group
 * under their commands, and their commands under the origin.
 */
public final class CausationChain {

    /** The tree, and whether it holds every event of the correlation or only the first {@code limit}. */
    public record Tree(ChainNode root, int events, boolean truncated) {
    }

    private CausationChain() {
    }

    /** @param events the correlation's events, oldest first */
    public static Tree build(String correlationId, List<EventView> events, String focusId, boolean truncated) {
        String request = events.stream().map(EventView::request).filter(r -> r != null).findFirst().orElse(null);
        ChainNode root = request != null ? ChainNode.of(ChainNode.Kind.REQUEST, request, correlationId)
                : ChainNode.of(ChainNode.Kind.ORIGIN, "origin", correlationId);

        Map<String, ChainNode> eventNodes = new HashMap<>();
        Map<String, ChainNode> commands = new LinkedHashMap<>();
        Map<String, EventView> firstOfCommand = new HashMap<>();
        for (EventView e : events) {
            String commandId = e.causationId() == null ? "unknown:" + e.id() : e.causationId();
            ChainNode command = commands.computeIfAbsent(commandId, id -> ChainNode.of(ChainNode.Kind.COMMAND,
                    e.command() == null ? "command" : e.command(), e.causationId()));
            firstOfCommand.putIfAbsent(commandId, e);
            ChainNode node = new ChainNode(ChainNode.Kind.EVENT, e.type(), e.id(), e, e.id().equals(focusId) ? true
                    : null, null, new ArrayList<>());
            command.children().add(node);
            eventNodes.put(e.id(), node);
        }
        // Sagas that reacted to one event: one node per (event, saga), holding the commands the saga sent.
        Map<String, ChainNode> sagas = new HashMap<>();
        commands.forEach((commandId, command) -> {
            EventView first = firstOfCommand.get(commandId);
            String cause = first.commandCause();
            ChainNode parent = cause == null ? null : eventNodes.get(cause);
            if (parent == null) {
                ChainNode attached = cause == null ? command : command.withNote("caused by " + cause
                        + ", which is not part of this chain");
                root.children().add(attached);
                return;
            }
            String saga = sagaOf(first);
            ChainNode sagaNode = sagas.computeIfAbsent(cause + "/" + saga, k -> {
                ChainNode s = ChainNode.of(ChainNode.Kind.SAGA, saga == null ? "saga" : "saga " + saga, null);
                parent.children().add(s);
                return s;
            });
            sagaNode.children().add(command);
        });
        return new Tree(root, events.size(), truncated);
    }

    private static String sagaOf(EventView event) {
        if (event.metadata() == null) {
            return null;
        }
        var sender = event.metadata().get(io.chariot.api.origin.MessageOrigin.COMMAND_SENDER);
        return sender != null && sender.isTextual() ? sender.textValue() : null;
    }
}
