package io.chariot.migration.mapping;

/**
 * One event to append: its payload (an event record of event-schemas) and its deterministic identifier, a name-based
 * UUID of the aggregate and what the event stands for (the legacy record and, for history, the entry), so the same
 * legacy data always yields the same identifiers and a re-run can tell what is already stored.
 */
public record EventDraft(String id, Object payload, String legacyKey) {
}
