package io.chariot.infra.local.servers;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a killed run can leave behind in a work dir: a pid file naming a dead process (or a reused pid), or a server
 * still running because nothing stopped it. Either is recognised before a server starts, and the data is kept.
 */
final class StaleProcesses {

    private static final Logger LOG = LoggerFactory.getLogger(StaleProcesses.class);

    private StaleProcesses() {
    }

    /**
     * If {@code pidFile} names a live process whose command ends with {@code command}, stops it ({@code signal}, then
     * SIGKILL after {@code grace}) and waits for it and its children; a pid file naming anything else is stale and
     * deleted.
     */
    static void stopIfAlive(Path pidFile, String command, String signal, Duration grace)
            throws InterruptedException, IOException {
        Optional<Long> pid = readPid(pidFile);
        if (pid.isEmpty()) {
            return;
        }
        Optional<ProcessHandle> handle = pid.get() > 0
                ? ProcessHandle.of(pid.get()).filter(ProcessHandle::isAlive) : Optional.empty();
        boolean ours = handle.flatMap(h -> h.info().command()).map(c -> c.endsWith("/" + command) || c.equals(command))
                .orElse(false);
        if (!ours) {
            LOG.info("removing stale {} (pid {} {})", pidFile, pid.get(), handle.isPresent() ? "is another program"
                    : "is not running");
            Files.deleteIfExists(pidFile);
            return;
        }
        ProcessHandle orphan = handle.get();
        List<ProcessHandle> children = orphan.descendants().toList();
        LOG.warn("stopping {} {} left running by a stack that was killed ({})", command, orphan.pid(), pidFile);
        signal(orphan.pid(), signal);
        if (!awaitExit(orphan, grace)) {
            LOG.warn("{} {} ignored SIG{} for {} s: killing it", command, orphan.pid(), signal, grace.toSeconds());
            orphan.destroyForcibly();
            awaitExit(orphan, Duration.ofSeconds(10));
        }
        for (ProcessHandle child : children) {
            awaitExit(child, Duration.ofSeconds(10));
        }
        Files.deleteIfExists(pidFile);
    }

    static void stopIfAlive(Path pidFile, String command, Duration grace) throws InterruptedException, IOException {
        stopIfAlive(pidFile, command, "TERM", grace);
    }

    /** Sends a signal by name ({@code TERM}, {@code INT}, ...): Java itself only sends SIGTERM and SIGKILL. */
    static void signal(long pid, String signal) throws InterruptedException {
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0) {
                return;
            }
        } catch (IOException e) {
            // no kill(1): fall back to SIGTERM below
        }
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
    }

    private static boolean awaitExit(ProcessHandle handle, Duration timeout) throws InterruptedException {
        try {
            handle.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (java.util.concurrent.TimeoutException e) {
            return !handle.isAlive();
        } catch (java.util.concurrent.ExecutionException e) {
            return !handle.isAlive();
        }
    }

    private static Optional<Long> readPid(Path pidFile) throws IOException {
        if (!Files.isRegularFile(pidFile)) {
            return Optional.empty();
        }
        List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
        try {
            return lines.isEmpty() ? Optional.of(-1L) : Optional.of(Long.parseLong(lines.get(0).trim()));
        } catch (NumberFormatException e) {
            return Optional.of(-1L); // garbage: stale
        }
    }
}
