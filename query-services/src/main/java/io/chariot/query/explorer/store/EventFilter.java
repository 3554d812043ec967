package io.chariot.query.explorer.store;

import java.time.Instant;

/**
 * The explorer's filters, all optional and combined with AND. {@code tenant} null means every tenant (operators
 * only: {@code ExplorerAccess} decides); {@code eventType} is an event's simple name ({@code RiskStatusChanged});
 * {@code since} is inclusive, {@code until} exclusive; {@code correlationId} and {@code causationId} are the
 * metadata of {@code io.chariot.api.origin.MessageOrigin}.
 */
public record EventFilter(String tenant, String aggregateType, String aggregateId, String eventType, Instant since,
                          Instant until, String by, String correlationId, String causationId) {

    public static EventFilter tenant(String tenant) {
        return new EventFilter(tenant, null, null, null, null, null, null, null, null);
    }

    public EventFilter withTenant(String tenant) {
        return new EventFilter(tenant, aggregateType, aggregateId, eventType, since, until, by, correlationId,
                causationId);
    }

    public EventFilter withCorrelationId(String correlationId) {
        return new EventFilter(tenant, aggregateType, aggregateId, eventType, since, until, by, correlationId,
                causationId);
    }
}
