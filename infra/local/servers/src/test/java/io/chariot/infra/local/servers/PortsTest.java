package io.chariot.infra.local.servers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PortsTest {

    @TempDir
    Path dir;

    @Test
    void aPortHandedOutIsOutsideTheKernelsEphemeralRangeFreeAndNeverHandedOutTwice() throws Exception {
        int[] ephemeral = Ports.ephemeralRange(Path.of("/proc/sys/net/ipv4/ip_local_port_range"));
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            int port = Ports.free();
            assertThat(port < ephemeral[0] || port > ephemeral[1]).as("port %d outside %d-%d", port, ephemeral[0],
                    ephemeral[1]).isTrue();
            assertThat(port).isBetween(10_000, 65_535);
            assertThat(seen.add(port)).as("port %d handed out twice", port).isTrue();
            try (ServerSocket server = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                assertThat(server.getLocalPort()).isEqualTo(port);
            }
        }
    }

    @Test
    void aPortAServerAlreadyListensOnIsNotHandedOut() throws Exception {
        int low = Ports.free(); // five ports from here: the first handed out, the rest held but one
        List<ServerSocket> held = new ArrayList<>();
        try {
            for (int port = low + 1; port <= low + 4; port++) {
                if (port != low + 3) {
                    held.add(new ServerSocket(port, 1, InetAddress.getLoopbackAddress()));
                }
            }

            assertThat(Ports.pick(low, low + 4)).isEqualTo(low + 3);
            assertThatThrownBy(() -> Ports.pick(low, low + 4)).hasMessageContaining("no free port");
        } finally {
            for (ServerSocket socket : held) {
                socket.close();
            }
        }
    }

    @Test
    void portsAreTakenBelowTheEphemeralRangeWhereThereIsRoomElseAboveIt() {
        assertThat(Ports.candidates(new int[] {32_768, 60_999})).containsExactly(10_000, 32_767);
        assertThat(Ports.candidates(new int[] {10_500, 60_999})).containsExactly(61_000, 65_535);
        assertThatThrownBy(() -> Ports.candidates(new int[] {1_024, 65_000}))
                .hasMessageContaining("fewer than 1,000 ports");
    }

    @Test
    void theKernelsOwnRangeIsReadWhereTheKernelPublishesIt() throws Exception {
        Path kernel = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isReadable(kernel), "no " + kernel + " on this system");
        String published;
        try (var in = Files.newInputStream(kernel)) {
            published = new String(in.readAllBytes()).trim();
        }
        String[] bounds = published.split("\\s+");

        assertThat(Ports.ephemeralRange(kernel))
                .containsExactly(Integer.parseInt(bounds[0]), Integer.parseInt(bounds[1]));
    }

    @Test
    void theRangeIsReadFromTheKernelsFileAndIanasWhereThatCannotBeRead() throws Exception {
        Path file = Files.writeString(dir.resolve("ip_local_port_range"), "40000\t50000\n");
        assertThat(Ports.ephemeralRange(file)).containsExactly(40_000, 50_000);
        assertThat(Ports.ephemeralRange(dir.resolve("missing"))).containsExactly(49_152, 65_535);
    }
}
