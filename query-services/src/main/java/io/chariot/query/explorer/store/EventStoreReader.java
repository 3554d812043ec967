package io.chariot.query.explorer.store;

import io.chariot.query.explorer.view.PersonalData;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads Axon's event store table ({@code domainEventEntry}, PostgreSQL) for the explorer. Every condition is
 * written exactly as the index it relies on is (V51__explorer_indexes.sql), and values are always bound, never
 * spliced into the SQL.
 */
public class EventStoreReader {

    static final String TENANT = "chariot_json_member(payload, 'tenant')";
    static final String BY = "chariot_json_member(payload, 'by')";
    static final String EVENT_NAME = "chariot_event_name(payloadType)";
    static final String CORRELATION = "chariot_json_member(metaData, 'traceId')";
    static final String CAUSATION = "chariot_json_member(metaData, 'correlationId')";
    static final String COMMAND_CAUSE = "chariot_json_member(metaData, 'commandCause')";
    static final String TIME = "chariot_instant(timeStamp)";

    private static final String COLUMNS = "globalIndex, eventIdentifier, aggregateIdentifier, sequenceNumber, type, "
            + "payloadType, payloadRevision, timeStamp, " + TENANT + " AS tenant, " + BY + " AS by, metaData";

    private final JdbcTemplate jdbc;
    private final PersonalData personalData;

    public EventStoreReader(JdbcTemplate jdbc) {
        this(jdbc, PersonalData.AS_STORED);
    }

    /** {@code personalData} gives the stored forms of a {@code by} filter: encrypted ones too (ADR 0019). */
    public EventStoreReader(JdbcTemplate jdbc, PersonalData personalData) {
        this.jdbc = jdbc;
        this.personalData = personalData;
    }

    /** One page of the stream: newest first, or oldest first after {@code cursor.after()}. */
    public List<StoredEvent> page(EventFilter filter, Cursor cursor, boolean withPayloads) {
        List<Object> args = new ArrayList<>();
        List<String> byForms = filter.by() == null ? null : personalData.storedForms(filter.tenant(), filter.by());
        return jdbc.query(pageSql(filter, cursor, withPayloads, args, byForms), mapper(withPayloads),
                args.toArray());
    }

    /** The SQL of a page (its arguments added to {@code args}): for {@code EXPLAIN} in tests and benchmarks. */
    public static String pageSql(EventFilter filter, Cursor cursor, boolean withPayloads, List<Object> args) {
        return pageSql(filter, cursor, withPayloads, args, filter.by() == null ? null : List.of(filter.by()));
    }

    private static String pageSql(EventFilter filter, Cursor cursor, boolean withPayloads, List<Object> args,
                                  List<String> byForms) {
        StringBuilder sql = new StringBuilder("SELECT ").append(columns(withPayloads))
                .append(" FROM domainEventEntry WHERE ").append(conditions(filter, args, byForms));
        if (cursor.before() != null) {
            sql.append(" AND globalIndex < ?");
            args.add(cursor.before());
        }
        if (cursor.after() != null) {
            sql.append(" AND globalIndex > ?");
            args.add(cursor.after());
        }
        sql.append(" ORDER BY globalIndex ").append(cursor.forward() ? "ASC" : "DESC").append(" LIMIT ?");
        args.add(cursor.limit());
        return sql.toString();
    }

    public Optional<StoredEvent> byId(String eventId) {
        return jdbc.query("SELECT " + columns(true) + " FROM domainEventEntry WHERE eventIdentifier = ?",
                mapper(true), eventId).stream().findFirst();
    }

    /** Events of one aggregate from sequence number {@code from} on, in order, at most {@code limit}; tenant null: any. */
    public List<StoredEvent> aggregate(String aggregateId, String tenant, long from, int limit, boolean withPayloads) {
        List<Object> args = new ArrayList<>();
        args.add(aggregateId);
        args.add(from);
        String scoped = "";
        if (tenant != null) {
            scoped = " AND " + TENANT + " = ?";
            args.add(tenant);
        }
        args.add(limit);
        return jdbc.query("SELECT " + columns(withPayloads) + " FROM domainEventEntry WHERE aggregateIdentifier = ?"
                + " AND sequenceNumber >= ?" + scoped + " ORDER BY sequenceNumber LIMIT ?", mapper(withPayloads),
                args.toArray());
    }

    public Optional<Long> lastSequence(String aggregateId) {
        return Optional.ofNullable(jdbc.queryForObject("SELECT max(sequenceNumber) FROM domainEventEntry "
                + "WHERE aggregateIdentifier = ?", Long.class, aggregateId));
    }

    /** The events of one correlation id (a whole chain), oldest first, at most {@code limit}. */
    public List<StoredEvent> correlated(String correlationId, String tenant, int limit) {
        List<Object> args = new ArrayList<>();
        args.add(correlationId);
        String scoped = "";
        if (tenant != null) {
            scoped = " AND " + TENANT + " = ?";
            args.add(tenant);
        }
        args.add(limit);
        return jdbc.query("SELECT " + columns(false) + " FROM domainEventEntry WHERE " + CORRELATION + " = ?"
                + scoped + " ORDER BY globalIndex LIMIT ?", mapper(false), args.toArray());
    }

    /** The events whose command was caused by one of {@code causes} (the saga's step after those events). */
    public List<StoredEvent> causedBy(List<String> causes, String tenant, int limit) {
        if (causes.isEmpty()) {
            return List.of();
        }
        List<Object> args = new ArrayList<>();
        args.add(causes.toArray(String[]::new));
        String scoped = "";
        if (tenant != null) {
            scoped = " AND " + TENANT + " = ?";
            args.add(tenant);
        }
        args.add(limit);
        return jdbc.query("SELECT " + columns(false) + " FROM domainEventEntry WHERE " + COMMAND_CAUSE
                + " = ANY (?)" + scoped + " ORDER BY globalIndex LIMIT ?", mapper(false), args.toArray());
    }

    /** The highest sequence number of an aggregate's events stored at or before {@code at}; empty if none. */
    public Optional<Long> sequenceAt(String aggregateId, Instant at) {
        Long sequence = jdbc.queryForObject("SELECT max(sequenceNumber) FROM domainEventEntry "
                + "WHERE aggregateIdentifier = ? AND " + TIME + " <= ?", Long.class, aggregateId, utc(at));
        return Optional.ofNullable(sequence);
    }

    private static String conditions(EventFilter f, List<Object> args, List<String> byForms) {
        List<String> where = new ArrayList<>();
        where.add("TRUE");
        condition(where, args, TENANT + " = ?", f.tenant());
        condition(where, args, "type = ?", f.aggregateType());
        condition(where, args, "aggregateIdentifier = ?", f.aggregateId());
        condition(where, args, EVENT_NAME + " = ?", f.eventType());
        condition(where, args, TIME + " >= ?", utc(f.since()));
        condition(where, args, TIME + " < ?", utc(f.until()));
        if (byForms != null && byForms.size() > 1) {
            // the clear value and its ciphertexts: one index scan per form over the same index
            condition(where, args, BY + " = ANY (?)", byForms.toArray(String[]::new));
        } else {
            condition(where, args, BY + " = ?", f.by());
        }
        condition(where, args, CORRELATION + " = ?", f.correlationId());
        condition(where, args, CAUSATION + " = ?", f.causationId());
        return String.join(" AND ", where);
    }

    private static void condition(List<String> where, List<Object> args, String sql, Object value) {
        if (value != null) {
            where.add(sql);
            args.add(value);
        }
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static String columns(boolean withPayloads) {
        return COLUMNS + (withPayloads ? ", payload" : ", NULL::bytea AS payload");
    }

    private static RowMapper<StoredEvent> mapper(boolean withPayloads) {
        return (rs, row) -> new StoredEvent(rs.getLong("globalIndex"), rs.getString("eventIdentifier"),
                rs.getString("aggregateIdentifier"), rs.getLong("sequenceNumber"), rs.getString("type"),
                rs.getString("payloadType"), rs.getString("payloadRevision"), rs.getString("timeStamp"),
                rs.getString("tenant"), rs.getString("by"), withPayloads ? rs.getBytes("payload") : null,
                rs.getBytes("metaData"));
    }
}
