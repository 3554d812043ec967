package io.chariot.query.explorer.store;

/**
 * One row of the event store as the explorer reads it: the stored bytes, untouched, plus the tenant and user the
 * database extracted from the payload (the same expressions its indexes use). {@code payload} is null when the
 * query did not ask for it (list pages show no payloads).
 */
public record StoredEvent(long position, String eventId, String aggregateId, long sequence, String aggregateType,
                          String payloadType, String revision, String timestamp, String tenant, String by,
                          byte[] payload, byte[] metadata) {
}
