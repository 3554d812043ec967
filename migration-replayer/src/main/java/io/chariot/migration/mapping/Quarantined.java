package io.chariot.migration.mapping;

/**
 * A legacy record (or relationship, or part of a record) that was not imported, and why. {@code partial} is true
 * when the record itself was imported and only the part the reason names was not (a field no event carries).
 */
public record Quarantined(String origin, String type, String tenant, String key, String reason, boolean partial,
                          String raw) {
}
