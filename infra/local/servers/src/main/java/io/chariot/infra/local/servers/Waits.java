package io.chariot.infra.local.servers;

import java.time.Duration;

/** Retry until a check passes or a deadline expires. */
final class Waits {

    interface Check {
        void run() throws Exception;
    }

    private Waits() {
    }

    static void until(String what, Duration timeout, Duration pause, Check check) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                check.run();
                return;
            } catch (Exception e) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(what + " not ready after " + timeout.toSeconds() + " s: "
                            + e.getMessage(), e);
                }
                Thread.sleep(pause.toMillis());
            }
        }
    }
}
