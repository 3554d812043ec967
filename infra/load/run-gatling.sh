#!/usr/bin/env bash
# Runs one of the Gatling scenarios (infra/load/gatling) against a platform, and prints where its HTML report is.
#
#   infra/load/run-gatling.sh daily|spike|soak [options]
#
#   daily   the praetorian-cli's daily workflows (token, add/get/list/search assets, add/get/list risks, add/list
#           attributes, list jobs) at --rate sessions/s for --duration (default 60s); fails when > 1 % failed
#   spike   --rate for --spike-before (60s), --spike-factor (10) times that for --spike-length (60s), --rate again
#           for --spike-after (120s); the verdict says whether errors and latency came back, and when
#   soak    --rate for --duration (default 10m here; 24h on real infrastructure), sampling the platform's heap and
#           each store's projection lag every --sample seconds; the verdict judges error rate, per-minute p50/p99,
#           heap drift and lag drift, and a leak or a growing lag fails it
#
# Options:
#   --rate N           CLI sessions started per second, open loop (default 5; ~3.5 requests and 1 write each)
#   --duration D       90s, 10m, 24h (daily: 60s, soak: 10m; the spike uses its own phases)
#   --port P           start `./chariot up --port P` in a new work dir and stop it afterwards (default 18500)
#   --api URL          use a running platform instead; its API key comes from CHARIOT_BOOTSTRAP_API_KEY_ID/_SECRET
#                      or --work-dir (a `./chariot up` work dir with dev-credentials.env). The soak's key must be
#                      an operator's (the bootstrap key is): heap is read from /actuator/metrics, lag from
#                      /admin/projections
#   --work-dir DIR     the `./chariot up` work dir (with --api: where dev-credentials.env is)
#   --warmup D         before the measured run, the daily workflows at --rate for D, not judged (default 60s when
#                      this script started the platform, 0 with --api): a cold platform (JIT, Neo4j's first
#                      queries) answers its first minute's writes with 503s on this machine
#   --keyspace N       distinct assets the sessions touch (default 2000): a bounded set reaches a steady state
#   --sample S         the soak's sampling interval in seconds (default 5)
#   --spike-before D, --spike-length D, --spike-after D, --spike-factor N    the spike's phases
#   --results DIR      where Gatling writes its reports (default infra/load/gatling/target/gatling)
#   --keep             keep the started platform's work dir (logs)
#   -h, --help         this text
#
# Exit code: 0 when the run passed; 1 when its verdict (or, for daily, Gatling's assertion) failed; 2 on a usage
# or start-up error. The verdict's one line is printed last and kept in <report dir>/verdict.txt.
# Time limits: READY_TIMEOUT (300 s) for the platform to start, the run's own length + RUN_SLACK (600 s) for Gatling,
# STOP_TIMEOUT (90 s) for shutdown. Everything listens on and talks to 127.0.0.1 only.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
READY_TIMEOUT="${READY_TIMEOUT:-300}"
RUN_SLACK="${RUN_SLACK:-600}"
STOP_TIMEOUT="${STOP_TIMEOUT:-90}"

die() { echo "run-gatling: $*" >&2; exit 2; }
say() { echo "run-gatling: $*" >&2; }
usage() { awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "${BASH_SOURCE[0]}"; }

# seconds of 90, 90s, 10m, 24h (the simulations parse the same forms)
seconds_of() {
  [[ "$1" =~ ^([0-9]+)([smh]?)$ ]] || die "duration '$1': a number with s, m or h (90s, 10m, 24h)"
  local n="${BASH_REMATCH[1]}"
  case "${BASH_REMATCH[2]}" in m) echo $((n * 60)) ;; h) echo $((n * 3600)) ;; *) echo "$n" ;; esac
}

[[ $# -ge 1 ]] || { usage >&2; exit 2; }
case "$1" in
  -h|--help) usage; exit 0 ;;
  daily) SIM=DailySimulation; DURATION=60s ;;
  spike) SIM=SpikeSimulation; DURATION="" ;;
  soak) SIM=SoakSimulation; DURATION=10m ;;
  *) die "unknown scenario '$1' (daily, spike or soak; --help)" ;;
esac
SCENARIO="$1"; shift

RATE=5; PORT=18500; API=""; WORK=""; KEEP=false; KEYSPACE=2000; SAMPLE=5; WARMUP=
SPIKE_BEFORE=60s; SPIKE_LENGTH=60s; SPIKE_AFTER=120s; SPIKE_FACTOR=10
RESULTS_DIR="$ROOT/infra/load/gatling/target/gatling"
need() { [[ $# -ge 2 && -n "$2" ]] || die "$1 needs a value"; }
while [[ $# -gt 0 ]]; do
  case "$1" in
    --rate) need "$@"; [[ "$2" =~ ^[0-9]+(\.[0-9]+)?$ ]] && [[ "$2" != 0 ]] || die "--rate needs a number above 0"; RATE="$2"; shift 2 ;;
    --duration) need "$@"; seconds_of "$2" >/dev/null; DURATION="$2"; shift 2 ;;
    --port) need "$@"; [[ "$2" =~ ^[0-9]+$ ]] || die "--port needs a number"; PORT="$2"; shift 2 ;;
    --api) need "$@"; API="${2%/}"; shift 2 ;;
    --work-dir) need "$@"; WORK="$2"; shift 2 ;;
    --warmup) need "$@"; [[ "$2" == 0 ]] || seconds_of "$2" >/dev/null; WARMUP="$2"; shift 2 ;;
    --keyspace) need "$@"; [[ "$2" =~ ^[1-9][0-9]*$ ]] || die "--keyspace needs a positive number"; KEYSPACE="$2"; shift 2 ;;
    --sample) need "$@"; [[ "$2" =~ ^[1-9][0-9]*$ ]] || die "--sample needs a positive number of seconds"; SAMPLE="$2"; shift 2 ;;
    --spike-before) need "$@"; seconds_of "$2" >/dev/null; SPIKE_BEFORE="$2"; shift 2 ;;
    --spike-length) need "$@"; seconds_of "$2" >/dev/null; SPIKE_LENGTH="$2"; shift 2 ;;
    --spike-after) need "$@"; seconds_of "$2" >/dev/null; SPIKE_AFTER="$2"; shift 2 ;;
    --spike-factor) need "$@"; [[ "$2" =~ ^[0-9]+(\.[0-9]+)?$ ]] || die "--spike-factor needs a number"; SPIKE_FACTOR="$2"; shift 2 ;;
    --results) need "$@"; RESULTS_DIR="$(mkdir -p "$2" && cd "$2" && pwd)"; shift 2 ;;
    --keep) KEEP=true; shift ;;
    -h|--help) usage; exit 0 ;;
    *) die "unknown option $1 (--help)" ;;
  esac
done
if [[ "$SCENARIO" == spike ]]; then
  [[ -z "$DURATION" ]] || die "the spike's length is --spike-before + --spike-length + --spike-after, not --duration"
  RUN_SECONDS=$(( $(seconds_of "$SPIKE_BEFORE") + $(seconds_of "$SPIKE_LENGTH") + $(seconds_of "$SPIKE_AFTER") ))
else
  RUN_SECONDS="$(seconds_of "$DURATION")"
fi

if [[ -n "$API" && ( -z "${CHARIOT_BOOTSTRAP_API_KEY_ID:-}" || -z "${CHARIOT_BOOTSTRAP_API_KEY_SECRET:-}" ) ]]; then
  [[ -n "$WORK" && -f "$WORK/dev-credentials.env" ]] \
    || die "--api needs an API key: CHARIOT_BOOTSTRAP_API_KEY_ID/_SECRET, or --work-dir DIR with dev-credentials.env"
fi

# ---------------------------------------------------------------------------------------------- build if needed
# shellcheck source=bench-lib.sh
source "$ROOT/infra/load/bench-lib.sh"
if [[ -z "$API" ]]; then
  command -v "${JAVA_HOME:+$JAVA_HOME/bin/}java" >/dev/null || die "no java on PATH"
  if (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then die "port $PORT is already in use (--port, or --api to use it)"; fi
  build_platform_if_stale
fi
GATLING_DIR="$ROOT/infra/load/gatling"
BUILT="$GATLING_DIR/target/run-gatling.built"
if [[ ! -f "$BUILT" ]] || [[ -n "$(find "$GATLING_DIR/src" "$GATLING_DIR/pom.xml" -newer "$BUILT" -print -quit)" ]]; then
  say "building infra/load/gatling ..."
  mvn_build -pl infra/load/gatling -DskipTests test-compile
  touch "$BUILT"
fi

# ---------------------------------------------------------------------------------------------- start
UP_PID=""
BENCH_PID=""
STARTED_WORK=false
finish() {
  local rc=$?
  trap - EXIT INT TERM
  if $STARTED_WORK; then
    stop_and_report
  elif [[ -n "$BENCH_PID" ]] && kill -0 "$BENCH_PID" 2>/dev/null; then
    kill -TERM "$BENCH_PID" 2>/dev/null || true
    wait "$BENCH_PID" 2>/dev/null || true
  fi
  exit "$rc"
}
trap finish EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

if [[ -z "$API" ]]; then
  [[ -z "$WORK" ]] && WORK="$(mktemp -d "${TMPDIR:-/tmp}/chariot-gatling.XXXXXX")"
  mkdir -p "$WORK"; WORK="$(cd "$WORK" && pwd)"
  STARTED_WORK=true
  say "starting ./chariot up --port $PORT --work-dir $WORK ..."
  "$ROOT/chariot" up --port "$PORT" --work-dir "$WORK" >"$WORK/up.log" 2>&1 &
  UP_PID=$!
  deadline=$((SECONDS + READY_TIMEOUT))
  until grep -q "^Chariot ready on http://127.0.0.1:$PORT" "$WORK/up.log" 2>/dev/null; do
    if ! kill -0 "$UP_PID" 2>/dev/null; then cat "$WORK/up.log" >&2; die "./chariot up exited before it was ready"; fi
    if (( SECONDS > deadline )); then cat "$WORK/up.log" >&2; die "not ready after ${READY_TIMEOUT}s"; fi
    sleep 0.5
  done
  say "$(grep '^Chariot ready on' "$WORK/up.log")"
  API="http://127.0.0.1:$PORT"
fi

# ---------------------------------------------------------------------------------------------- run
mkdir -p "$RESULTS_DIR"
VERDICT="$(mktemp "${TMPDIR:-/tmp}/chariot-gatling-verdict.XXXXXX")"
RUN_ID="$(date +%s | tail -c 7)"   # one keyspace for the warm-up and the run

# gatling SIMULATION DURATION SECONDS RESULTS: runs one simulation in the background and waits for it, so that a
# SIGTERM to this script is handled at once. The API key reaches the simulation through the environment or the work
# dir, never the command line. Sets gatling_rc.
gatling() {
  timeout --signal=TERM --kill-after=30 $(($3 + RUN_SLACK)) \
    "$ROOT/mvnw" -o -q -B -f "$ROOT/pom.xml" -pl infra/load/gatling gatling:test \
      -Dgatling.simulationClass="io.chariot.load.gatling.$1" -Dgatling.resultsFolder="$4" \
      -Dchariot.api="$API" -Dchariot.rate="$RATE" -Dchariot.duration="$2" -Dchariot.runId="$RUN_ID" \
      -Dchariot.keyspace="$KEYSPACE" -Dchariot.sampleSeconds="$SAMPLE" -Dchariot.verdictFile="$VERDICT" \
      -Dchariot.spikeBefore="$SPIKE_BEFORE" -Dchariot.spikeLength="$SPIKE_LENGTH" \
      -Dchariot.spikeAfter="$SPIKE_AFTER" -Dchariot.spikeFactor="$SPIKE_FACTOR" \
      ${WORK:+-Dchariot.workDir="$WORK"} &
  BENCH_PID=$!
  gatling_rc=0
  wait "$BENCH_PID" || gatling_rc=$?
  BENCH_PID=""
}

[[ -n "$WARMUP" ]] || { $STARTED_WORK && WARMUP=60s || WARMUP=0; }
if [[ "$WARMUP" != 0 ]]; then
  say "warm-up: the daily workflows at $RATE sessions/s for $WARMUP (not judged; report in $RESULTS_DIR/warmup)"
  gatling DailySimulation "$WARMUP" "$(seconds_of "$WARMUP")" "$RESULTS_DIR/warmup" >"$RESULTS_DIR/warmup.log" 2>&1
  say "warm-up: $(head -1 "$VERDICT" 2>/dev/null || echo "no summary (see $RESULTS_DIR/warmup.log)")"
  : >"$VERDICT"
fi

before_run="$(date +%s)"
say "$SCENARIO against $API at $RATE sessions/s for ${RUN_SECONDS}s; reports in $RESULTS_DIR"
gatling "$SIM" "${DURATION:-60s}" "$RUN_SECONDS" "$RESULTS_DIR"

REPORT="$(find "$RESULTS_DIR" -maxdepth 1 -type d -iname "${SIM,,}-*" -newermt "@$before_run" 2>/dev/null | sort | tail -1)"
line="$(head -1 "$VERDICT" 2>/dev/null || true)"
if [[ -n "$REPORT" && -s "$VERDICT" ]]; then cp "$VERDICT" "$REPORT/verdict.txt"; fi
rm -f "$VERDICT"
echo
[[ -n "$REPORT" ]] && echo "HTML report: $REPORT/index.html" || say "no report was written"
[[ -n "$line" ]] && echo "$line"
if [[ "$line" == *"VERDICT: FAIL"* ]]; then exit 1; fi
if (( gatling_rc != 0 )); then say "Gatling exited $gatling_rc (an assertion failed, or the run broke: see above)"; exit 1; fi
[[ -n "$line" ]] || { say "the simulation wrote no verdict"; exit 1; }
