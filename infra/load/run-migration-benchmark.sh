#!/usr/bin/env bash
# Runs the migration import benchmark (issue 12) against a fresh platform and stack, then stops both.
#
#   infra/load/run-migration-benchmark.sh [--port N] [-- BENCHMARK OPTIONS...]
#
# Builds what is missing, starts `./chariot up --port 18090 --work-dir <new tmp dir>` in the background, waits for
# its ready line, runs io.chariot.migration.bench.MigrationBenchmark with the development (operator) key: --runs
# imports of a generated export into a scratch schema of the same PostgreSQL beside its raw batch-insert rate, then
# one import into the platform's own event store and the time until the read models caught up. Sends SIGTERM to the
# stack, waits, and checks that no process of the work dir is left. Loopback only. Bounded in time: READY_TIMEOUT
# (default 300 s), BENCH_TIMEOUT (default 3600 s), STOP_TIMEOUT (default 90 s).
# Options after `--` go to the benchmark, e.g. `-- --records 500000 --runs 3 --catch-up-records 50000`
# (`--catch-up-records 0`: the import runs only; the benchmark JVM reports its own and PostgreSQL's CPU per phase).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
PORT=18090
READY_TIMEOUT="${READY_TIMEOUT:-300}"
BENCH_TIMEOUT="${BENCH_TIMEOUT:-3600}"
STOP_TIMEOUT="${STOP_TIMEOUT:-90}"
BENCH_ARGS=()

die() { echo "run-migration-benchmark: $*" >&2; exit 2; }
say() { echo "run-migration-benchmark: $*" >&2; }

while [[ $# -gt 0 ]]; do
  case "$1" in
    --port) [[ $# -ge 2 && "$2" =~ ^[0-9]+$ ]] || die "--port needs a number"; PORT="$2"; shift 2 ;;
    -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "${BASH_SOURCE[0]}"; exit 0 ;;
    --) shift; BENCH_ARGS=("$@"); break ;;
    *) die "unknown option $1 (benchmark options go after --)" ;;
  esac
done

JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
command -v "$JAVA" >/dev/null || die "no java on PATH"
if (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then die "port $PORT is already in use"; fi

# shellcheck source=bench-lib.sh
source "$ROOT/infra/load/bench-lib.sh"
build_platform_if_stale
MIGRATE="$ROOT/migration-replayer/target"
if [[ ! -f "$MIGRATE/migrate.classpath" || ! -d "$MIGRATE/classes/io/chariot/migration/bench" ]]; then
  say "building the migration replayer ..."
  mvn_build -pl migration-replayer -am -DskipTests install
fi

WORK="$(mktemp -d "${TMPDIR:-/tmp}/chariot-migration-bench.XXXXXX")"
UP_LOG="$WORK/up.log"
UP_PID=""
BENCH_PID=""
stop_all() {
  local rc=$?
  trap - EXIT INT TERM
  stop_started "the platform and the stack"
  if [[ -n "$(still_running)" ]]; then
    say "WARNING: processes of $WORK are still running: $(still_running)"
  else
    say "stopped: no process of $WORK left"
    rm -rf "$WORK"
  fi
  exit "$rc"
}
trap stop_all EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

say "starting ./chariot up --port $PORT --work-dir $WORK ..."
"$ROOT/chariot" up --port "$PORT" --work-dir "$WORK" >"$UP_LOG" 2>&1 &
UP_PID=$!
deadline=$((SECONDS + READY_TIMEOUT))
until grep -q "^Chariot ready on http://127.0.0.1:$PORT" "$UP_LOG" 2>/dev/null; do
  if ! kill -0 "$UP_PID" 2>/dev/null; then cat "$UP_LOG" >&2; die "./chariot up exited before it was ready"; fi
  if (( SECONDS > deadline )); then cat "$UP_LOG" >&2; die "not ready after ${READY_TIMEOUT}s"; fi
  sleep 0.5
done
say "$(grep '^Chariot ready on' "$UP_LOG")"
# shellcheck disable=SC1091
source "$WORK/dev-credentials.env"

echo "machine: $(nproc) cores $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | xargs), $(free -g | awk '/Mem:/ {print $2}') GiB," \
  "$("$JAVA" -version 2>&1 | head -n 1); load before: $(cut -d' ' -f1-3 /proc/loadavg)"
timeout --signal=TERM --kill-after=30 "$BENCH_TIMEOUT" \
  "$JAVA" -Xmx4g -XX:+UseParallelGC -cp "$MIGRATE/classes:$(cat "$MIGRATE/migrate.classpath")" \
    io.chariot.migration.bench.MigrationBenchmark "$WORK/stack" \
    --api "http://127.0.0.1:$PORT" "$CHARIOT_BOOTSTRAP_API_KEY_ID" "$CHARIOT_BOOTSTRAP_API_KEY_SECRET" \
    "${BENCH_ARGS[@]}" &
BENCH_PID=$!
bench_rc=0
wait "$BENCH_PID" || bench_rc=$?
BENCH_PID=""
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
(( bench_rc == 0 )) || die "the benchmark failed (exit $bench_rc)"
