package io.chariot.query.explorer.access;

import io.chariot.api.input.Inputs;
import io.chariot.api.input.StoreLimits;
import io.chariot.websupport.web.BadRequestException;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** Reads the explorer's request parameters (the API's, the UI's and the CLI's are the same), or says what is wrong. */
public final class ExplorerParams {

    private ExplorerParams() {
    }

    /** Optional text: blank is absent; at most a key's length, and text a store can hold. */
    public static String text(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return Inputs.text(name, value.trim(), StoreLimits.KEY_BYTES);
    }

    /**
     * An instant: ISO-8601 with a zone ({@code 2026-11-24T10:00:00Z}, {@code …+01:00}), or without one — a date
     * ({@code 2026-11-24}) or a browser's date-time ({@code 2026-11-24T10:00}) — taken as UTC.
     */
    public static Instant instant(String name, String value) {
        String v = text(name, value);
        if (v == null) {
            return null;
        }
        try {
            if (v.length() <= 10) {
                return LocalDate.parse(v).atStartOfDay().toInstant(ZoneOffset.UTC);
            }
            if (v.endsWith("Z") || v.matches(".*[+-]\\d\\d:?\\d\\d$")) {
                return OffsetDateTime.parse(v).toInstant();
            }
            return LocalDateTime.parse(v).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new BadRequestException(name + " must be an ISO-8601 time such as 2026-11-24T10:00:00Z or a date "
                    + "such as 2026-11-24, got '" + v + "'");
        }
    }

    public static int limit(Integer limit, int defaultLimit, int max) {
        if (limit == null) {
            return defaultLimit;
        }
        if (limit < 1 || limit > max) {
            throw new BadRequestException("limit must be between 1 and " + max);
        }
        return limit;
    }

    public static Long position(String name, Long value) {
        if (value != null && value < 0) {
            throw new BadRequestException(name + " must be an event position (0 or more)");
        }
        return value;
    }

    /** A version of an aggregate: its sequence number ({@code 4}) or an instant (the version then in force). */
    public record Version(Long sequence, Instant at) {
    }

    public static Version version(String name, String value) {
        String v = text(name, value);
        if (v == null) {
            return null;
        }
        if (v.matches("\\d{1,18}")) {
            return new Version(Long.parseLong(v), null);
        }
        try {
            return new Version(null, instant(name, v));
        } catch (BadRequestException e) {
            throw new BadRequestException(name + " must be a sequence number (0, 1, …) or an ISO-8601 time, got '"
                    + v + "'");
        }
    }
}
