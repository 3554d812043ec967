# Shared by run-benchmark.sh and run-rebuild-benchmark.sh (sourced, not run): building what a benchmark needs and
# stopping what it started. Expects ROOT, say, STOP_TIMEOUT; stop_started reads WORK, UP_PID and BENCH_PID.

mvn_build() {
  (cd "$ROOT" && { ./mvnw -q -B -o "$@" || ./mvnw -q -B "$@"; }) >&2
}

# Builds the platform and the stack when their jar is missing or older than any main source or pom of the project:
# a benchmark must never measure a stale build (CHARIOT_CMD runs another build as it is).
build_platform_if_stale() {
  local jar
  jar="$(ls "$ROOT"/platform/target/platform-*.jar 2>/dev/null | head -1 || true)"
  if [[ -z "$jar" || ! -f "$ROOT/infra/local/servers/target/stack.classpath" ]]; then
    say "building the platform and the stack (first run) ..."
    mvn_build -DskipTests install
  # infra/load (the benchmarks themselves) is no part of the platform: a change there needs no rebuild of it
  elif [[ -n "$(find "$ROOT" -path "$ROOT/.git" -prune -o -path '*/target' -prune -o -path "$ROOT/infra/load" -prune -o \
                 \( -path '*/src/main/*' -o -name pom.xml \) -newer "$jar" -type f -print -quit)" ]]; then
    say "sources changed since $(basename "$jar") was built: building the platform and the stack ..."
    mvn_build -DskipTests install
  fi
}

# Stops the benchmark JVM, then the process that started the servers (SIGTERM, SIGKILL after STOP_TIMEOUT), then
# whatever still names the work dir (PostgreSQL is daemonised by pg_ctl, Redis is a child process): all ours.
stop_started() {
  local what="$1"
  if [[ -n "${BENCH_PID:-}" ]] && kill -0 "$BENCH_PID" 2>/dev/null; then
    say "stopping the benchmark (pid $BENCH_PID) ..."
    kill -TERM "$BENCH_PID" 2>/dev/null || true
    wait "$BENCH_PID" 2>/dev/null || true
  fi
  if [[ -n "${UP_PID:-}" ]] && kill -0 "$UP_PID" 2>/dev/null; then
    say "stopping $what (SIGTERM to pid $UP_PID) ..."
    kill -TERM "$UP_PID" 2>/dev/null || true
    local waited=0
    while kill -0 "$UP_PID" 2>/dev/null && (( waited < STOP_TIMEOUT * 10 )); do sleep 0.1; waited=$((waited + 1)); done
    if kill -0 "$UP_PID" 2>/dev/null; then
      say "pid $UP_PID still running after ${STOP_TIMEOUT}s: SIGKILL"
      kill -KILL "$UP_PID" 2>/dev/null || true
    fi
    wait "$UP_PID" 2>/dev/null || true
  fi
  local left pid
  sleep 1
  left="$(pgrep -f -- "$WORK/" || true)"
  if [[ -n "$left" ]]; then
    say "left running after shutdown, stopping: $(echo $left)"
    for pid in $left; do kill -TERM "$pid" 2>/dev/null || true; done
    sleep 5
    for pid in $left; do kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null || true; done
  fi
}

# Prints the pids of processes still naming the work dir (none: empty).
still_running() {
  pgrep -f -- "$WORK/" | tr '\n' ' ' || true
}

# Stops what the script started and says whether anything of the work dir or the port is left; keeps the work dir
# with KEEP=true, else removes it.
stop_and_report() {
  stop_started "the platform and the stack"
  if [[ -n "$(still_running)" ]]; then
    say "WARNING: processes of $WORK are still running: $(still_running)"
  elif (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then
    say "WARNING: port $PORT still answers"
  else
    say "stopped: no process of $WORK left, port $PORT closed"
  fi
  if $KEEP; then say "work dir kept: $WORK"; else rm -rf "$WORK"; fi
}
