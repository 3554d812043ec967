package io.chariot.migration.source;

/** A line of an export that is not a record at all (broken JSON, no item): quarantined with {@code reason}. */
public record SourceProblem(String origin, String reason, String raw) {
}
