package io.chariot.api.origin;

import org.axonframework.messaging.correlation.MessageOriginProvider;

/**
 * The metadata every stored event carries about where it came from — a contract the event explorer reads, so the
 * keys are part of the published language. Two keys are Axon's own ({@link MessageOriginProvider}), whose names
 * predate the usual vocabulary and mean the opposite of what they say:
 * <ul>
 *     <li>{@value #CORRELATION_ID} (Axon's {@code traceId}) — the <em>correlation id</em>: the origin every message of
 *     one chain shares. For a chain started by an HTTP request it is that request's id ({@code X-Request-Id}); for
 *     one started elsewhere (a deadline, start-up) the id of its first message.</li>
 *     <li>{@value #CAUSATION_ID} (Axon's {@code correlationId}) — the <em>causation id</em>: the id of the message
 *     that directly caused this one (for an event, the command that applied it; for a command a saga sent, the
 *     event the saga reacted to).</li>
 * </ul>
 * Chariot adds, in one place ({@link OriginCorrelation} and web-support's command dispatch):
 * <ul>
 *     <li>{@value #REQUEST} — the HTTP request that started the chain, as {@code METHOD /path/{pattern}} (the
 *     endpoint's pattern, never the concrete path: no pins, names or keys from the URL);</li>
 *     <li>{@value #COMMAND} — on an event, the simple name of the command that applied it;</li>
 *     <li>{@value #COMMAND_CAUSE} — on an event, the causation id of its command: what made the command happen when
 *     that was not the request itself (the saga's event, a deadline). Commands are not stored, so without it the
 *     chain event → saga → command → event would break at the command;</li>
 *     <li>{@value #COMMAND_SENDER} — on a command sent while an event processor handled an event, and on the
 *     events that command applied: the processing group (the saga) that sent it.</li>
 * </ul>
 * {@value #TRACEPARENT} is OpenTelemetry's W3C trace context (Axon's span factory writes it); its trace id is the
 * one to look up in the tracing backend. {@value #MIGRATION} marks an event the migration replayer imported (its
 * value names the export): a fact of the legacy system, which workflows that act on new facts (onboarding) skip.
 */
public final class MessageOrigin {

    /** Axon's {@code traceId}: the correlation id (origin) of the chain. */
    public static final String CORRELATION_ID = MessageOriginProvider.getDefaultTraceKey();
    /** Axon's {@code correlationId}: the causation id (the direct cause). */
    public static final String CAUSATION_ID = MessageOriginProvider.getDefaultCorrelationKey();
    public static final String REQUEST = "request";
    public static final String COMMAND = "command";
    public static final String COMMAND_CAUSE = "commandCause";
    public static final String COMMAND_SENDER = "commandSender";
    public static final String TRACEPARENT = "traceparent";
    public static final String MIGRATION = "migration";

    private MessageOrigin() {
    }

    /** {@code io.chariot.api.risk.RiskCommands$UpdateRisk} → {@code UpdateRisk}: the name people read. */
    public static String simpleName(String typeName) {
        if (typeName == null) {
            return null;
        }
        int cut = Math.max(typeName.lastIndexOf('.'), typeName.lastIndexOf('$'));
        return typeName.substring(cut + 1);
    }

    /** The W3C trace id (32 hex digits) of a {@code traceparent} value, or null when it is not one. */
    public static String traceIdOf(Object traceparent) {
        if (!(traceparent instanceof String value)) {
            return null;
        }
        String[] parts = value.split("-");
        return parts.length >= 4 && parts[1].matches("[0-9a-f]{32}") ? parts[1] : null;
    }
}
