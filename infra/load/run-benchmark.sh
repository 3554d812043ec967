#!/usr/bin/env bash
# Runs the asset benchmark against a fresh platform and stack, then stops both.
#
#   infra/load/run-benchmark.sh [--port N] [--runs N] [--keep] [--label TEXT]
#                               [--distributed [--instances SERVICE=N,...]] [-- BENCHMARK OPTIONS...]
#
# Builds what is missing or older than the sources, starts `./chariot up --port 18080 --work-dir <new tmp dir>` in the background, waits for
# its ready line, runs io.chariot.load.AssetBenchmark (N times against the same platform with --runs, then prints
# the medians), sends SIGTERM to the stack (which stops the platform first), waits, and checks that no process of
# that work dir is left. Everything listens on 127.0.0.1 only. Bounded in time: READY_TIMEOUT (default 300 s) for
# start-up, BENCH_TIMEOUT (default 1800 s) per run, STOP_TIMEOUT (default 90 s) for shutdown.
# --distributed benchmarks the local cluster instead (`./chariot up --distributed`: every service its own process,
# behind the edge on --port), with --instances as there (default asset=2,projections=2).
# Options after `--` go to the benchmark (see `--help` there), e.g. `-- -c 32 -d 30 --phases put,raw`.
# The platform takes Spring settings from the environment, e.g. SPRING_DATASOURCE_HIKARI_MAXIMUMPOOLSIZE=32.
# RESULTS_FILE=f appends each run's figures to f; CHARIOT_CMD=path runs another build's ./chariot; --keep keeps logs.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
PORT=18080
RUNS=1
KEEP=false
LABEL=""
UP_ARGS=()
READY_TIMEOUT="${READY_TIMEOUT:-300}"
BENCH_TIMEOUT="${BENCH_TIMEOUT:-1800}"
STOP_TIMEOUT="${STOP_TIMEOUT:-90}"
BENCH_ARGS=()
ORIGINAL_ARGS="$*"

die() { echo "run-benchmark: $*" >&2; exit 2; }
say() { echo "run-benchmark: $*" >&2; }

while [[ $# -gt 0 ]]; do
  case "$1" in
    --port) [[ $# -ge 2 && "$2" =~ ^[0-9]+$ ]] || die "--port needs a number"; PORT="$2"; shift 2 ;;
    --runs) [[ $# -ge 2 && "$2" =~ ^[1-9][0-9]*$ ]] || die "--runs needs a positive number"; RUNS="$2"; shift 2 ;;
    --keep) KEEP=true; shift ;;
    --label) [[ $# -ge 2 ]] || die "--label needs a text"; LABEL="$2"; shift 2 ;;
    --distributed) UP_ARGS+=(--distributed); shift ;;
    --instances) [[ $# -ge 2 ]] || die "--instances needs SERVICE=N,..."; UP_ARGS+=(--instances "$2"); shift 2 ;;
    -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "${BASH_SOURCE[0]}"; exit 0 ;;
    --) shift; BENCH_ARGS=("$@"); break ;;
    *) die "unknown option $1 (benchmark options go after --)" ;;
  esac
done

JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
command -v "$JAVA" >/dev/null || die "no java on PATH"
if (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then die "port $PORT is already in use"; fi

# ---------------------------------------------------------------------------------------------- build if needed
# shellcheck source=bench-lib.sh
source "$ROOT/infra/load/bench-lib.sh"
if [[ -z "${CHARIOT_CMD:-}" ]]; then build_platform_if_stale; fi
LOAD="$ROOT/infra/load/target"
if [[ ! -f "$LOAD/load.classpath" || ! -d "$LOAD/classes/io/chariot/load" ]] \
   || [[ -n "$(find "$ROOT/infra/load/src" "$ROOT/infra/load/pom.xml" -newer "$LOAD/load.classpath" -print -quit)" ]]; then
  say "building infra/load ..."
  mvn_build -pl infra/load -am -DskipTests install
fi
LOAD_CP="$LOAD/classes:$(cat "$LOAD/load.classpath")"

# ---------------------------------------------------------------------------------------------- start
WORK="$(mktemp -d "${TMPDIR:-/tmp}/chariot-bench.XXXXXX")"
UP_LOG="$WORK/up.log"
RESULTS="${RESULTS_FILE:-$WORK/results.tsv}"   # RESULTS_FILE: keep the per-run figures elsewhere
UP_PID=""
BENCH_PID=""

stop_all() {
  local rc=$?
  trap - EXIT INT TERM
  stop_and_report
  exit "$rc"
}
trap stop_all EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

CHARIOT="${CHARIOT_CMD:-$ROOT/chariot}"   # CHARIOT_CMD: another build's ./chariot (A/B comparisons)
say "starting $CHARIOT up --port $PORT --work-dir $WORK ..."
"$CHARIOT" up --port "$PORT" --work-dir "$WORK" "${UP_ARGS[@]}" >"$UP_LOG" 2>&1 &
UP_PID=$!

deadline=$((SECONDS + READY_TIMEOUT))
READY="^(Chariot ready on|chariot: ready at) http://127.0.0.1:$PORT"   # the embedded platform's line, the cluster's
until grep -Eq "$READY" "$UP_LOG" 2>/dev/null; do
  if ! kill -0 "$UP_PID" 2>/dev/null; then cat "$UP_LOG" >&2; die "./chariot up exited before it was ready"; fi
  if (( SECONDS > deadline )); then cat "$UP_LOG" >&2; die "not ready after ${READY_TIMEOUT}s"; fi
  sleep 0.5
done
say "$(grep -E "$READY" "$UP_LOG")"

# ---------------------------------------------------------------------------------------------- run
REPRODUCE="infra/load/run-benchmark.sh${ORIGINAL_ARGS:+ $ORIGINAL_ARGS}"
for run in $(seq 1 "$RUNS"); do
  run_label="${LABEL:-run}"; (( RUNS > 1 )) && run_label="$run_label #$run"
  say "benchmark run $run of $RUNS ..."
  # In the background and waited for, so that a SIGTERM to this script is handled at once.
  timeout --signal=TERM --kill-after=30 "$BENCH_TIMEOUT" \
    "$JAVA" -Xms256m -Xmx1g -XX:+UseSerialGC -cp "$LOAD_CP" io.chariot.load.AssetBenchmark \
      --url "http://127.0.0.1:$PORT" --work-dir "$WORK" --results "$RESULTS" --label "$run_label" \
      --reproduce "$REPRODUCE" "${BENCH_ARGS[@]}" &
  BENCH_PID=$!
  bench_rc=0
  wait "$BENCH_PID" || bench_rc=$?
  BENCH_PID=""
  (( bench_rc == 0 )) || die "the benchmark failed (exit $bench_rc)"
done

if (( RUNS > 1 )); then
  echo
  echo "Medians of $RUNS runs (one platform, one session):"
  awk -F'\t' -v want="${LABEL:-run}" '
    $1 !~ ("^label=" want "( #[0-9]+)?$") { next }
    { for (i = 1; i <= NF; i++) { split($i, kv, "="); k = kv[1]; v = substr($i, length(k) + 2);
        if (k == "label") continue;
        if (!(k in seen)) { seen[k] = 1; order[++n] = k }
        vals[k] = vals[k] " " v } }
    END { for (j = 1; j <= n; j++) { k = order[j]; m = split(substr(vals[k], 2), a, " ");
        numeric = 1; for (x = 1; x <= m; x++) if (a[x] !~ /^-?[0-9.]+$/) numeric = 0;
        if (!numeric) { printf "  %-28s %s\n", k, vals[k]; continue }
        for (x = 1; x <= m; x++) for (y = x + 1; y <= m; y++) if (a[y] + 0 < a[x] + 0) { t = a[x]; a[x] = a[y]; a[y] = t }
        med = (m % 2) ? a[(m + 1) / 2] : (a[m / 2] + a[m / 2 + 1]) / 2;
        printf "  %-28s median %-10s (runs:%s)\n", k, med, vals[k] } }' "$RESULTS"
fi
