package io.chariot.routing;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.List;

/**
 * {@code chariot.commands.distributed.*}: whether commands are routed between the instances of a deployment, and how
 * the instances find each other (JGroups over TCP). Off by default: the embedded platform keeps its local bus.
 *
 * @param enabled     route commands between instances (env {@code CHARIOT_COMMANDS_DISTRIBUTED_ENABLED})
 * @param clusterName instances with the same name share commands: one per deployment, which every process that sends
 *                    or handles commands joins (each handles only the commands it subscribed)
 * @param nodeName    this instance's name in the cluster (logs, the {@code commandrouting} endpoint); the host name
 *                    and process id if empty
 * @param bindAddress the address JGroups listens on (a pod's IP in Kubernetes, {@code 127.0.0.1} locally)
 * @param bindPort    the TCP port JGroups listens on; with {@code dns} discovery every instance must use the same one
 * @param discovery   {@code static}: the {@code hosts} list; {@code dns}: the A records of {@code dns-query}
 * @param hosts       {@code host:port} of the instances to ask when joining (static discovery); this one may be among
 *                    them
 * @param dnsQuery    the name whose A records are the instances, e.g. a headless Service
 *                    {@code assets-commands.chariot.svc.cluster.local} (dns discovery)
 * @param loadFactor  this instance's share of the aggregates relative to the others'
 * @param joinTimeout how long start-up waits to have joined the cluster
 * @param failureDetection how long an instance that stopped answering (but whose socket stayed open: a hung JVM, a
 *                    partition) stays a member; a killed process is noticed at once by its closed socket
 * @param announceInterval how often an instance tells the others again which commands it handles (repairs an
 *                    announcement a joining instance dropped)
 */
@ConfigurationProperties("chariot.commands.distributed")
public record DistributedCommandsProperties(
        @DefaultValue("false") boolean enabled,
        @DefaultValue("chariot-commands") String clusterName,
        @DefaultValue("") String nodeName,
        @DefaultValue("127.0.0.1") String bindAddress,
        @DefaultValue("7800") int bindPort,
        @DefaultValue("static") Discovery discovery,
        @DefaultValue("127.0.0.1:7800") List<String> hosts,
        @DefaultValue("") String dnsQuery,
        @DefaultValue("100") int loadFactor,
        @DefaultValue("30s") Duration joinTimeout,
        @DefaultValue("10s") Duration failureDetection,
        @DefaultValue("5s") Duration announceInterval) {

    /** How an instance finds the others. */
    public enum Discovery { STATIC, DNS }

    public DistributedCommandsProperties {
        if (clusterName == null || clusterName.isBlank()) {
            throw new IllegalArgumentException("chariot.commands.distributed.cluster-name must not be empty");
        }
        if (bindPort < 1 || bindPort > 65535) {
            throw new IllegalArgumentException("chariot.commands.distributed.bind-port must be a TCP port, not "
                    + bindPort);
        }
        if (loadFactor < 1) {
            throw new IllegalArgumentException("chariot.commands.distributed.load-factor must be at least 1, not "
                    + loadFactor);
        }
        for (Duration duration : new Duration[]{joinTimeout, failureDetection, announceInterval}) {
            if (duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException("chariot.commands.distributed.join-timeout, failure-detection and "
                        + "announce-interval must be positive");
            }
        }
        if (enabled && discovery == Discovery.DNS && dnsQuery.isBlank()) {
            throw new IllegalArgumentException(
                    "chariot.commands.distributed.dns-query must name the instances' DNS name for dns discovery");
        }
        if (enabled && discovery == Discovery.STATIC && hosts.isEmpty()) {
            throw new IllegalArgumentException(
                    "chariot.commands.distributed.hosts must list at least one host:port for static discovery");
        }
        hosts = List.copyOf(hosts);
    }
}
