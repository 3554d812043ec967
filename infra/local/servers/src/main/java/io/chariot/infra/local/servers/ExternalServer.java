package io.chariot.infra.local.servers;

import io.chariot.infra.local.StackProbe;
import java.time.Duration;
import java.util.Map;

/** A server named by a CHARIOT_* variable: not started, only health-checked. */
final class ExternalServer implements ManagedServer {

    private final String name;
    private final String endpoint;
    private final String variable;

    ExternalServer(String name, String endpoint, String variable) {
        this.name = name;
        this.endpoint = endpoint;
        this.variable = variable;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void start() throws Exception {
        Waits.until("external " + variable, Duration.ofSeconds(10), Duration.ofMillis(250),
                () -> StackProbe.probe(name, endpoint, Duration.ofSeconds(3)));
    }

    @Override
    public String endpoint() {
        return endpoint;
    }

    @Override
    public Map<String, String> attributes() {
        return Map.of(name + ".external", variable);
    }

    @Override
    public void stop() {
        // not ours
    }
}
