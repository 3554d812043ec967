package io.chariot.infra.local.servers;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops the stack's other processes (PostgreSQL, Redis, the {@code --then} command) when the stack's JVM dies without
 * stopping them itself — SIGKILL, OOM, a crash. Java cannot ask the kernel for a parent-death signal, so a tiny shell
 * process does it: it reads "watch PID SIGNAL" / "forget PID" lines on a pipe from this JVM; when the pipe closes
 * without an "exit" line (the kernel closes it whatever killed the JVM), it sends each watched process its signal and
 * SIGKILLs what is left after the grace period.
 * <p>
 * It runs in its own session ({@code setsid}, where available), so killing {@code ./chariot up}'s process group does
 * not take the reaper down with it — PostgreSQL is in a session of its own too ({@code pg_ctl} detaches it), which is
 * why it survived such a kill before. The JVM starts every child with only stdin/stdout/stderr, so no other process
 * holds the pipe open.
 */
final class Reaper implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Reaper.class);

    private static final String SCRIPT = """
            trap '' HUP
            grace=$1
            pids=""
            while read -r verb pid sig; do
              case "$verb" in
                watch) pids="$pids $pid:$sig" ;;
                forget) left=""; for e in $pids; do [ "${e%%:*}" = "$pid" ] || left="$left $e"; done; pids="$left" ;;
                exit) exit 0 ;;
              esac
            done
            [ -z "$pids" ] && exit 0
            echo "chariot reaper: the stack's JVM is gone; stopping$pids" >&2
            for e in $pids; do kill -"${e#*:}" "${e%%:*}" 2>/dev/null; done
            ticks=$((grace * 5))
            while [ "$ticks" -gt 0 ]; do
              alive=""
              for e in $pids; do kill -0 "${e%%:*}" 2>/dev/null && alive="$alive $e"; done
              [ -z "$alive" ] && exit 0
              pids="$alive"
              sleep 0.2
              ticks=$((ticks - 1))
            done
            echo "chariot reaper: killing$pids after ${grace}s" >&2
            for e in $pids; do kill -KILL "${e%%:*}" 2>/dev/null; done
            """;

    private final Process process;
    private final OutputStream commands;

    private Reaper(Process process) {
        this.process = process;
        this.commands = process.getOutputStream();
    }

    /** Starts the reaper (its messages go to {@code log}); {@code null} where there is no POSIX shell. */
    static Reaper start(Path log, Duration grace) {
        List<String> command = new ArrayList<>();
        if (Files.isExecutable(Path.of("/usr/bin/setsid")) || Files.isExecutable(Path.of("/bin/setsid"))) {
            command.add("setsid");
        }
        command.addAll(List.of("sh", "-c", SCRIPT, "chariot-reaper", Long.toString(grace.toSeconds())));
        try {
            Process process = new ProcessBuilder(command)
                    .redirectOutput(Redirect.appendTo(log.toFile()))
                    .redirectError(Redirect.appendTo(log.toFile()))
                    .start();
            return new Reaper(process);
        } catch (IOException e) {
            LOG.warn("no reaper ({}): servers outlive a killed stack", e.getMessage());
            return null;
        }
    }

    synchronized void watch(ProcessHandle handle, String signal) {
        send("watch " + handle.pid() + " " + signal);
    }

    synchronized void forget(ProcessHandle handle) {
        send("forget " + handle.pid());
    }

    long pid() {
        return process.pid();
    }

    private void send(String line) {
        try {
            commands.write((line + "\n").getBytes(StandardCharsets.US_ASCII));
            commands.flush();
        } catch (IOException e) {
            LOG.warn("the reaper is gone ({}): servers outlive a killed stack", e.getMessage());
        }
    }

    /** The stack stopped everything itself: the reaper exits without touching anything. */
    @Override
    public synchronized void close() {
        send("exit");
        try {
            commands.close();
        } catch (IOException ignored) {
            // it exits on EOF anyway
        }
    }
}
