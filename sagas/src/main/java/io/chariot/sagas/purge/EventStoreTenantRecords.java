package io.chariot.sagas.purge;

import org.springframework.jdbc.core.JdbcTemplate;

import java.util.List;

/**
 * {@link TenantRecords} read from the event store itself (ADR 0020): every aggregate that ever had an event of the
 * tenant, whatever the read models hold or miss. It uses the explorer's expression index on (tenant, aggregate type)
 * (V51; the tenant is in every payload, while an API key's aggregate identifier does not name its tenant), so a page
 * costs an index range, not a scan. Not available where events live in Axon Server.
 */
public final class EventStoreTenantRecords implements TenantRecords {

    private final JdbcTemplate jdbc;

    public EventStoreTenantRecords(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<String> aggregates(String tenant, String aggregateType, String after, int limit) {
        return jdbc.queryForList("SELECT DISTINCT aggregateIdentifier FROM domainEventEntry "
                        + "WHERE chariot_json_member(payload, 'tenant') = ? AND type = ? AND aggregateIdentifier > ? "
                        + "ORDER BY aggregateIdentifier LIMIT ?", String.class, tenant, aggregateType,
                after == null ? "" : after, limit);
    }
}
