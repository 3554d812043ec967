package io.chariot.routing;

import org.jgroups.JChannel;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.lang.Nullable;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /actuator/commandrouting}: this instance's name and the instances that share the commands;
 * {@code ?aggregate=<identifier>} adds which of them handles that aggregate's commands. For operators (the actuator's
 * endpoints other than health need an operator) and for the tests that prove a command crossed instances.
 */
@Endpoint(id = "commandrouting")
public class CommandRoutingEndpoint {

    private final JChannel channel;
    private final CommandOwners owners;

    CommandRoutingEndpoint(JChannel channel, CommandOwners owners) {
        this.channel = channel;
        this.owners = owners;
    }

    @ReadOperation
    public Map<String, Object> routing(@Nullable String aggregate) {
        Map<String, Object> routing = new LinkedHashMap<>();
        routing.put("node", channel.getName());
        routing.put("cluster", channel.getClusterName());
        routing.put("members", owners.members());
        if (aggregate != null) {
            routing.put("owner", owners.ownerOf(aggregate).orElse(null));
        }
        return routing;
    }
}
