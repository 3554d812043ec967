package io.chariot.consistency.written;

/**
 * One event a command stored: which aggregate, at which sequence number, of which payload type. Read models
 * record the last sequence number they applied per aggregate, so this is all a reader needs to know whether a
 * read model already shows the write.
 */
public record WrittenEvent(String aggregateId, long sequenceNumber, String payloadType) {
}
