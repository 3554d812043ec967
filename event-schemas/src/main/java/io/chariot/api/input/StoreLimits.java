package io.chariot.api.input;

import java.time.Instant;
import java.util.List;

/**
 * The limits a value must meet to round-trip through every store that holds it: the PostgreSQL event store and its
 * snapshots, the DynamoDB table, the Neo4j graph and Redis. They are checked on the command side, before anything is
 * written ({@link Inputs}, {@link CommandInputs}), so a value a store cannot hold is a 400, never an event that a
 * projection later drops or a snapshot that cannot be read back (ADR 0011).
 */
public final class StoreLimits {

    private StoreLimits() {
    }

    /**
     * Every Chariot key ({@code #asset#…}, {@code #attribute#…}, …) is the DynamoDB sort key: at most 1,024 bytes of
     * UTF-8. It is also the Neo4j node's indexed {@code key} and, with the tenant, its unique {@code uid}, far below
     * Neo4j's index key limit (about 8 KB).
     */
    public static final int KEY_BYTES = 1024;

    /**
     * Command members stored in an attribute that a DynamoDB secondary index sorts by ({@code by-name}, …): index
     * keys too, so at most {@link #INDEXED_BYTES}, and never empty. The table's searchable fields are this list.
     */
    public static final List<String> INDEXED_FIELDS = List.of("status", "source", "dns", "name");
    public static final int INDEXED_BYTES = 1024;

    /** Any other text member (a comment, a title, a value): small enough that an item stays far below 400 KB. */
    public static final int TEXT_BYTES = 32 * 1024;

    /** A member holding a JSON document ({@link JsonText}): a setting's value, an integration's configuration. */
    public static final int DOCUMENT_BYTES = 128 * 1024;

    /** DynamoDB nests maps and lists at most 32 levels deep; a document is one level inside its item. */
    public static final int DOCUMENT_DEPTH = 31;

    /** Entries of one list or map member (tags, attack surfaces, tickets, configuration, result items). */
    public static final int ENTRIES = 1000;

    /**
     * All the text and numbers of one command together: what becomes one DynamoDB item must stay under its 400 KB
     * item limit, with room for the attributes the projections add. A member marked {@link StoredApart} counts per
     * element instead.
     */
    public static final int RECORD_BYTES = 256 * 1024;

    /**
     * A record's history (status changes and comments) lives in its DynamoDB item and grows with every change.
     * Comments may fill it up to this many bytes; a comment that would go beyond is refused. A change without a
     * comment (about {@link #HISTORY_RECORD_BYTES}) is always recorded, so a record can still be deleted; the
     * item's remaining room takes thousands of those.
     */
    public static final int HISTORY_BYTES = 128 * 1024;
    /** What one history record takes besides its author and comment (from, to, updated and member names). */
    public static final int HISTORY_RECORD_BYTES = 96;

    /** DynamoDB numbers: at most 38 significant digits, magnitude from 1E-130 up to (not including) 1E+126. */
    public static final int NUMBER_DIGITS = 38;
    public static final int NUMBER_MIN_EXPONENT = -130;
    public static final int NUMBER_MAX_EXPONENT = 125;

    /**
     * Instants: what PostgreSQL's {@code timestamptz} holds and what clients parse as ISO-8601 with a four-digit
     * year.
     */
    public static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
    public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");
}
