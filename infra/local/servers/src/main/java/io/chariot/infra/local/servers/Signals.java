package io.chariot.infra.local.servers;

import sun.misc.Signal;

/** SIGTERM and SIGINT as a callback instead of JVM exit, so shutdown can stop servers in order and pick the exit code. */
final class Signals {

    private Signals() {
    }

    static void onTermination(Runnable action) {
        for (String name : new String[] {"TERM", "INT"}) {
            try {
                Signal.handle(new Signal(name), signal -> action.run());
            } catch (IllegalArgumentException e) {
                // signal not available on this platform: the shutdown hook still stops the stack
            }
        }
    }
}
