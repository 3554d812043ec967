package io.chariot.infra.local.servers;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Free TCP ports on 127.0.0.1 for servers started later, never the same one twice in this JVM.
 *
 * <p>A port is picked <em>outside</em> the kernel's ephemeral range: a port from that range (what binding port 0
 * gives) can be taken by any outgoing connection between the moment it is picked and the moment its server binds
 * it — seen when a cluster instance started a minute after its port was picked and found it in use. No connection
 * is ever given a port outside the range, so only another server choosing the same port could take it.
 */
public final class Ports {

    /** Where the kernel's ephemeral range is on Linux; elsewhere IANA's dynamic range is assumed. */
    private static final Path EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
    private static final int LOWEST = 10_000;
    private static final Set<Integer> HANDED_OUT = new HashSet<>();

    private Ports() {
    }

    /** A loopback port no server listens on now, outside the ephemeral range and not handed out before. */
    public static int free() {
        int[] candidates = candidates(ephemeralRange(EPHEMERAL_RANGE));
        return pick(candidates[0], candidates[1]);
    }

    /** A port between low and high (inclusive) that binds now and was not handed out before, from a random start. */
    static synchronized int pick(int low, int high) {
        int size = high - low + 1;
        int start = ThreadLocalRandom.current().nextInt(size);
        for (int i = 0; i < Math.min(size, 2_000); i++) {
            int port = low + (start + i) % size;
            if (!HANDED_OUT.contains(port) && bindable(port)) {
                HANDED_OUT.add(port);
                return port;
            }
        }
        throw new IllegalStateException("no free port on 127.0.0.1 between " + low + " and " + high);
    }

    /** The ports to pick from: below the ephemeral range where there is room, else above it. */
    static int[] candidates(int[] ephemeral) {
        if (ephemeral[0] - LOWEST >= 1_000) {
            return new int[] {LOWEST, ephemeral[0] - 1};
        }
        if (65_535 - ephemeral[1] >= 1_000) {
            return new int[] {ephemeral[1] + 1, 65_535};
        }
        throw new IllegalStateException("the ephemeral port range " + ephemeral[0] + "-" + ephemeral[1]
                + " leaves fewer than 1,000 ports for servers");
    }

    /** The kernel's ephemeral range, {low, high}, as the file names it; IANA's 49152–65535 where it cannot be read. */
    static int[] ephemeralRange(Path file) {
        try {
            // read to the end of the stream: procfs reports a size of 0, and Files.readString then reads one byte
            String[] bounds = Files.readAllLines(file).get(0).trim().split("\\s+");
            return new int[] {Integer.parseInt(bounds[0]), Integer.parseInt(bounds[1])};
        } catch (IOException | RuntimeException unreadable) {
            return new int[] {49_152, 65_535};
        }
    }

    private static boolean bindable(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException inUse) {
            return false;
        }
    }
}
