#!/usr/bin/env bash
# Runs the rebuild benchmark against a private local stack, then stops the stack.
#
#   infra/load/run-rebuild-benchmark.sh [--work-dir DIR] [--fresh] [-- BENCHMARK OPTIONS...]
#
# Builds what is missing, starts `./chariot stack up --work-dir DIR` (PostgreSQL, Kafka, DynamoDB Local, Neo4j,
# Redis on free loopback ports; no platform) in the background, waits for DIR/stack/endpoints.properties, runs
# io.chariot.load.RebuildBenchmark against it (it applies the Flyway migrations of the platform and the projections,
# generates the events the event store lacks, measures), sends SIGTERM to the stack, waits, and checks that no
# process of DIR is left. The work dir is kept, so a rerun finds its events already stored and starts measuring at
# once; --fresh deletes it first. Default DIR: /tmp/bench-rebuild.
# Bounded in time: READY_TIMEOUT (default 180 s) for start-up, BENCH_TIMEOUT (default 3600 s) for the benchmark,
# STOP_TIMEOUT (default 90 s) for shutdown. Ctrl-C / SIGTERM stop the benchmark and the stack cleanly.
# Options after `--` go to the benchmark (see `--help` there), e.g.
#   -- --events 1000000 --segments 1,4 --max-seconds-per-store 180
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
WORK=/tmp/bench-rebuild
FRESH=false
READY_TIMEOUT="${READY_TIMEOUT:-180}"
BENCH_TIMEOUT="${BENCH_TIMEOUT:-3600}"
STOP_TIMEOUT="${STOP_TIMEOUT:-90}"
BENCH_ARGS=()
ORIGINAL_ARGS="$*"

die() { echo "run-rebuild-benchmark: $*" >&2; exit 2; }
say() { echo "run-rebuild-benchmark: $*" >&2; }

while [[ $# -gt 0 ]]; do
  case "$1" in
    --work-dir) [[ $# -ge 2 && -n "$2" ]] || die "--work-dir needs a directory"; WORK="$2"; shift 2 ;;
    --fresh) FRESH=true; shift ;;
    -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "${BASH_SOURCE[0]}"; exit 0 ;;
    --) shift; BENCH_ARGS=("$@"); break ;;
    *) die "unknown option $1 (benchmark options go after --)" ;;
  esac
done
[[ "$WORK" == /* ]] || WORK="$PWD/$WORK"
WORK="${WORK%/}"
export AXONIQ_UPDATE_CHECKER_DISABLED=true
[[ "$WORK" != "/" && "$WORK" != "$ROOT"* ]] || die "--work-dir must be outside the repository"

JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
command -v "$JAVA" >/dev/null || die "no java on PATH"

# ---------------------------------------------------------------------------------------------- build if needed
# shellcheck source=bench-lib.sh
source "$ROOT/infra/load/bench-lib.sh"
if [[ ! -f "$ROOT/infra/local/servers/target/stack.classpath" ]]; then
  say "building the local stack (first run) ..."
  mvn_build -pl infra/local/servers -am -DskipTests install
fi
LOAD="$ROOT/infra/load/target"
if [[ ! -f "$LOAD/load.classpath" || ! -f "$LOAD/classes/io/chariot/load/RebuildBenchmark.class" ]] \
   || [[ -n "$(find "$ROOT/infra/load/src" "$ROOT/infra/load/pom.xml" "$ROOT/projections/src/main" \
                    -newer "$LOAD/load.classpath" -print -quit)" ]]; then
  say "building infra/load and what it needs ..."
  mvn_build -pl infra/load -am -DskipTests install
fi
LOAD_CP="$LOAD/classes:$(cat "$LOAD/load.classpath")"

# ---------------------------------------------------------------------------------------------- start
if $FRESH && [[ -d "$WORK" ]]; then
  [[ -z "$(pgrep -f -- "$WORK/" || true)" ]] || die "processes of $WORK are running; not deleting it"
  say "deleting $WORK (--fresh) ..."
  rm -rf "$WORK"
fi
mkdir -p "$WORK"
[[ -z "$(pgrep -f -- "$WORK/" || true)" ]] || die "a process of $WORK is already running (another benchmark?)"
UP_LOG="$WORK/stack-up.log"
ENDPOINTS="$WORK/stack/endpoints.properties"
UP_PID=""
BENCH_PID=""

stop_all() {
  local rc=$?
  trap - EXIT INT TERM
  stop_started "the stack"
  if [[ -n "$(still_running)" ]]; then
    say "WARNING: processes of $WORK are still running: $(still_running)"
  else
    say "stopped: no process of $WORK left (data kept in $WORK; --fresh deletes it)"
  fi
  exit "$rc"
}
trap stop_all EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

say "starting $ROOT/chariot stack up --work-dir $WORK ..."
rm -f "$ENDPOINTS"
"$ROOT/chariot" stack up --work-dir "$WORK" >"$UP_LOG" 2>&1 &
UP_PID=$!

deadline=$((SECONDS + READY_TIMEOUT))
until [[ -f "$ENDPOINTS" ]] && grep -q '^stack ready' "$UP_LOG" 2>/dev/null; do
  if ! kill -0 "$UP_PID" 2>/dev/null; then cat "$UP_LOG" >&2; die "the stack exited before it was ready"; fi
  if (( SECONDS > deadline )); then cat "$UP_LOG" >&2; die "the stack was not ready after ${READY_TIMEOUT}s"; fi
  sleep 0.5
done
say "$(grep '^stack ready' "$UP_LOG")"

# ---------------------------------------------------------------------------------------------- run
REPRODUCE="infra/load/run-rebuild-benchmark.sh${ORIGINAL_ARGS:+ $ORIGINAL_ARGS}"
# The platform's JVM settings (the rebuild normally runs inside it); in the background and waited for, so that a
# SIGTERM to this script is handled at once.
timeout --signal=TERM --kill-after=30 "$BENCH_TIMEOUT" \
  "$JAVA" -Xms256m -Xmx1g -XX:+UseParallelGC -Ddisable-axoniq-console-message=true -cp "$LOAD_CP" \
    io.chariot.load.RebuildBenchmark --work-dir "$WORK" \
    --platform-migrations "$ROOT/service-runtime/src/main/resources/db/migration" \
    --reproduce "$REPRODUCE" "${BENCH_ARGS[@]}" &
BENCH_PID=$!
bench_rc=0
wait "$BENCH_PID" || bench_rc=$?
BENCH_PID=""
(( bench_rc == 0 )) || die "the benchmark failed (exit $bench_rc)"
