package io.chariot.job;

import java.time.Instant;

/** The payload of a run's deadline: which run ({@code started}) it guards, so a stale deadline changes nothing. */
public record JobDeadline(String key, Instant started) {
}
