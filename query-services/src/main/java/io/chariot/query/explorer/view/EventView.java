package io.chariot.query.explorer.view;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * One event as the explorer shows it (API, UI, CLI, exports), secrets hidden. {@code position} is its place in the
 * global stream (the paging cursor), {@code id} its event id; {@code key} the Chariot key of its aggregate;
 * {@code type} the event's simple name; the origin fields come from its metadata
 * ({@code io.chariot.api.origin.MessageOrigin}): {@code correlationId} (the request the chain started with),
 * {@code causationId} (the command that applied it), {@code traceId} (the OpenTelemetry trace), {@code request}
 * (the endpoint), {@code command} (the command's name) and {@code commandCause} (what caused the command, when
 * not the request). {@code payload} is null on list pages.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record EventView(long position, String id, String time, String tenant, String aggregateType,
                        String aggregateId, String key, long sequence, String type, String revision, String by,
                        String correlationId, String causationId, String traceId, String request, String command,
                        String commandCause, boolean erased, JsonNode payload, JsonNode metadata) {
}
