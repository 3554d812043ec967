#!/usr/bin/env bash
# What the explorer's V51 indexes cost event appends (BENCHMARKS.md, issue 11): 100,000 events appended in
# transactions of 10 rows with realistic payload and metadata, without and with the indexes, twice. Needs Debian's
# PostgreSQL 15 server binaries and root (the cluster runs as user postgres in a temporary directory, removed after).
# synchronous_commit is off so the figure is CPU and index work, not the disk's flush latency.
set -euo pipefail
B=/usr/lib/postgresql/15/bin
T="$(mktemp -d)"
D=$T/data
PORT=18731
W="$(cd "$(dirname "$0")/../.." && pwd)"
chown postgres "$T"
su postgres -s /bin/bash -c "$B/initdb -D $D -A trust -U postgres >/dev/null"
su postgres -s /bin/bash -c "$B/pg_ctl -D $D -o '-p $PORT -k $T -c listen_addresses= -c synchronous_commit=off' -w start >/dev/null"
trap 'su postgres -s /bin/bash -c "$B/pg_ctl -D $D -m fast stop >/dev/null"; rm -rf "$T"' EXIT
P="psql -q -h $T -p $PORT -U postgres -v ON_ERROR_STOP=1"
sed -n '/CREATE TABLE domainEventEntry/,/^);/p' $W/platform/src/main/resources/db/migration/V1__axon_event_store.sql | $P
$P -f $W/query-services/src/main/resources/db/migration/V50__explorer_functions.sql
cat > $T/append.sql <<'SQL'
\timing on
DO $$
DECLARE i int;
BEGIN
  FOR i IN 1..100000 LOOP
    INSERT INTO domainEventEntry (aggregateIdentifier, sequenceNumber, type, eventIdentifier, metaData, payload,
        payloadType, timeStamp)
    VALUES ('tenant-' || (i % 50) || '@example.com#risk#example.com#cve-2024-' || (i / 10), i % 10, 'Risk',
        md5(random()::text || i),
        convert_to('{"traceId":"' || md5(i::text) || '","correlationId":"' || md5((i + 1)::text)
            || '","traceparent":"00-' || md5(i::text) || '-0123456789abcdef-01","request":"PUT /risk",'
            || '"command":"UpdateRisk"}', 'UTF8'),
        convert_to('{"tenant":"tenant-' || (i % 50) || '@example.com","key":"#risk#example.com#cve-2024-' || (i / 10)
            || '","status":"OH","by":"user-' || (i % 7) || '@example.com","comment":"confirmed after manual review",'
            || '"updated":"2026-11-24T10:00:00Z"}', 'UTF8'),
        'io.chariot.api.risk.RiskEvents$RiskStatusChanged', '2026-11-24T10:00:00.' || lpad((i % 1000)::text, 3, '0') || 'Z');
    IF i % 10 = 0 THEN COMMIT; END IF;
  END LOOP;
END $$;
SQL
for round in 1 2; do
  $P -c "DROP INDEX IF EXISTS domainevententry_explorer_tenant, domainevententry_explorer_tenant_event_type, domainevententry_explorer_event_type, domainevententry_explorer_tenant_aggregate_type, domainevententry_explorer_by, domainevententry_explorer_correlation, domainevententry_explorer_causation, domainevententry_explorer_command_cause, domainevententry_explorer_time" 2>/dev/null
  $P -c "TRUNCATE domainEventEntry"; $P -c "CHECKPOINT"
  echo "round $round without the explorer's indexes: $($P -f $T/append.sql | grep Time)"
  $P -c "TRUNCATE domainEventEntry"
  sed 's/ CONCURRENTLY//' $W/query-services/src/main/resources/db/migration/V51__explorer_indexes.sql | $P 2>&1 | grep -v NOTICE || true
  $P -c "CHECKPOINT"
  echo "round $round with them: $($P -f $T/append.sql | grep Time)"
done
$P -c "SELECT pg_size_pretty(pg_table_size('domainevententry')) AS table, pg_size_pretty(pg_indexes_size('domainevententry')) AS indexes"
