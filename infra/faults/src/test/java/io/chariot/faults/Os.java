package io.chariot.faults;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/** Signals to real processes: the faults themselves. */
final class Os {

    private Os() {
    }

    /** {@code kill -SIGNAL pid} (STOP, CONT, KILL, TERM ...); fails the test if the signal cannot be sent. */
    static void signal(long pid, String signal) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, "--", Long.toString(pid)).redirectErrorStream(true)
                    .start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new AssertionError("kill -" + signal + " " + pid + " failed: "
                        + new String(kill.getInputStream().readAllBytes()).strip());
            }
        } catch (IOException e) {
            throw new AssertionError("cannot run kill", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** SIGKILL to a whole process group ({@code kill -KILL -- -pgid}). */
    static void killGroup(long pgid) {
        signal(-pgid, "KILL");
    }

    /** SIGKILL, and wait until the process is gone. */
    static void kill9(ProcessHandle process) {
        signal(process.pid(), "KILL");
        process.onExit().join();
    }

    /**
     * Holds a fault for its duration. Not synchronisation: the length of the stall is what the scenario is.
     */
    static void hold(Duration duration) {
        long end = System.nanoTime() + duration.toNanos();
        for (long left = duration.toNanos(); left > 0; left = end - System.nanoTime()) {
            LockSupport.parkNanos(left);
        }
    }
}
