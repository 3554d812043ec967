-- The indexes behind the event explorer's filters (ADR 0013). Each ends with globalIndex, so a filter reads its
-- newest events first straight from the index and a page is a keyset seek (globalIndex < cursor), however deep.
-- CONCURRENTLY: on a large store the build does not block the writes of the running platform (Flyway runs these
-- statements outside a transaction). Each is dropped first, so a build that failed half-way (an invalid index) is
-- redone when the migration is retried.

-- tenant: every non-operator view is scoped to one tenant (events carry it in the payload; an API key's aggregate
-- id is its key id, so the aggregate id cannot tell)
DROP INDEX CONCURRENTLY IF EXISTS domainevententry_explorer_tenant;
CREATE INDEX CONCURRENTLY domainevententry_explorer_tenant
    ON domainEventEntry (chariot_json_member(payload, 'tenant'), globalIndex);

-- event type within a tenant, and across tenants for operators
DROP INDEX CONCURRENTLY IF EXISTS domainevententry_explorer_tenant_event_type;
CREATE INDEX CONCURRENTLY domainevententry_explorer_tenant_event_type
    ON domainEventEntry (chariot_json_member(payload, 'tenant'), chariot_event_name(payloadType), globalIndex);
DROP INDEX CONCURRENTLY IF EXISTS domainevententry_explorer_event_type;
CREATE INDEX CONCURRENTLY domainevententry_explorer_event_type
    ON domainEventEntry (chariot_event_name(payloadType), globalIndex);

-- aggregate type within a tenant (few types, so alone it selects too little to be worth an index)
DROP INDEX CONCURRENTLY IF EXISTS domainevententry_explorer_tenant_aggregate_type;
CREATE INDEX CONCURRENTLY domainevententry_explorer_tenant_aggregate_type
    ON domainEventEntry (chariot_json_member(payload, 'tenant'), type, globalIndex);

-- who: a user acts in few tenants, so the user alone is selective
DROP INDEX CONCURRENTLY IF EXISTS domainevententry_explorer_by;
CREATE INDEX CONCURRENTLY domainevententry_explorer_by
    ON domainEventEntry (chariot_json_member(payload, 'by'), globalIndex);

-- correlation id (Axon's traceId: the request every message of a chain shares) and causation id (Axon's
-- correlationId: the direct cause); the causation chain reads both
DROP INDEX CONCURRENTLY IF EXISTS domainevententry_explorer_correlation;
CREATE INDEX CONCURRENTLY domainevententry_explorer_correlation
    ON domainEventEntry (chariot_json_member(metaData, 'traceId'), globalIndex);
DROP INDEX CONCURRENTLY IF EXISTS domainevententry_explorer_causation;
CREATE INDEX CONCURRENTLY domainevententry_explorer_causation
    ON domainEventEntry (chariot_json_member(metaData, 'correlationId'), globalIndex);

-- what followed an event through a saga: the events of the commands it caused (only those rows are indexed)
DROP INDEX CONCURRENTLY IF EXISTS domainevententry_explorer_command_cause;
CREATE INDEX CONCURRENTLY domainevententry_explorer_command_cause
    ON domainEventEntry (chariot_json_member(metaData, 'commandCause'))
    WHERE chariot_json_member(metaData, 'commandCause') IS NOT NULL;

-- time ranges
DROP INDEX CONCURRENTLY IF EXISTS domainevententry_explorer_time;
CREATE INDEX CONCURRENTLY domainevententry_explorer_time
    ON domainEventEntry (chariot_instant(timeStamp));
