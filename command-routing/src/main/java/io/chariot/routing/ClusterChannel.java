package io.chariot.routing;

import org.jgroups.JChannel;
import org.jgroups.protocols.FD_ALL;
import org.jgroups.protocols.FD_SOCK;
import org.jgroups.protocols.FRAG2;
import org.jgroups.protocols.MERGE3;
import org.jgroups.protocols.MFC;
import org.jgroups.protocols.TCP;
import org.jgroups.protocols.TCPPING;
import org.jgroups.protocols.UNICAST3;
import org.jgroups.protocols.VERIFY_SUSPECT;
import org.jgroups.protocols.dns.DNS_PING;
import org.jgroups.protocols.pbcast.GMS;
import org.jgroups.protocols.pbcast.NAKACK2;
import org.jgroups.protocols.pbcast.STABLE;
import org.jgroups.stack.Protocol;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * The JGroups channel the instances talk over, built in code from {@link DistributedCommandsProperties} rather than
 * from an XML file and system properties (what the extension's own auto-configuration does): one place, validated
 * at start-up. TCP (no multicast: neither loopback tests nor Kubernetes networks have it), discovery by a host list
 * or by DNS, and JGroups' usual reliability and failure-detection protocols.
 */
final class ClusterChannel {

    private ClusterChannel() {
    }

    static JChannel create(DistributedCommandsProperties properties) throws Exception {
        InetAddress bindAddress = InetAddress.getByName(properties.bindAddress());
        TCP transport = new TCP();
        transport.setBindAddress(bindAddress);
        transport.setBindPort(properties.bindPort());
        transport.setPortRange(0); // the port given or none: the other instances look for exactly that one

        long detection = properties.failureDetection().toMillis();
        FD_ALL heartbeats = new FD_ALL();
        heartbeats.setTimeout(detection);
        heartbeats.setInterval(Math.max(detection / 4, 250));
        heartbeats.setTimeoutCheckInterval(Math.max(detection / 4, 250));
        VERIFY_SUSPECT verify = new VERIFY_SUSPECT();
        verify.setTimeout(1_000); // a suspect is asked once more before it leaves the view
        GMS membership = new GMS();
        membership.setJoinTimeout(2_000);

        List<Protocol> stack = List.of(transport, discovery(properties), new MERGE3(),
                new FD_SOCK(), // a killed instance's socket closes: noticed at once
                heartbeats, // a hung instance stops sending heartbeats: noticed after failure-detection
                verify, new NAKACK2(), new UNICAST3(), new STABLE(), membership, new MFC(), new FRAG2());
        JChannel channel = new JChannel(stack);
        channel.name(properties.nodeName().isBlank() ? defaultNodeName() : properties.nodeName());
        return channel;
    }

    private static Protocol discovery(DistributedCommandsProperties properties) {
        return switch (properties.discovery()) {
            case STATIC -> new TCPPING().setPortRange(0).initialHosts(properties.hosts().stream()
                    .map(ClusterChannel::hostAndPort).toList());
            case DNS -> {
                DNS_PING dns = new DNS_PING();
                // A records of a headless Service: every instance listens on the same bind-port
                dns.setValue("dns_query", properties.dnsQuery());
                dns.setValue("dns_record_type", "A");
                yield dns;
            }
        };
    }

    static InetSocketAddress hostAndPort(String hostAndPort) {
        int colon = hostAndPort.lastIndexOf(':');
        if (colon <= 0 || colon == hostAndPort.length() - 1) {
            throw new IllegalArgumentException("chariot.commands.distributed.hosts: expected host:port, not "
                    + hostAndPort);
        }
        try {
            return new InetSocketAddress(hostAndPort.substring(0, colon),
                    Integer.parseInt(hostAndPort.substring(colon + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("chariot.commands.distributed.hosts: expected host:port, not "
                    + hostAndPort);
        }
    }

    /** {@code pid@host}, unique among instances on one host (the local cluster) and among pods. */
    private static String defaultNodeName() {
        return ManagementFactory.getRuntimeMXBean().getName();
    }
}
