package io.chariot.infra.local.servers;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import io.chariot.infra.local.StackProbe;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * DynamoDB Local in-process, one shared database file in {@code <work>/dynamodb}. It has no bind option, so its
 * Jetty connector is pointed at 127.0.0.1 before start; telemetry is off (no network here).
 */
final class DynamoDbServer implements ManagedServer {

    private final Path dir;
    private DynamoDBProxyServer server;
    private String endpoint;

    DynamoDbServer(Path workDir) {
        this.dir = workDir.resolve("dynamodb");
    }

    @Override
    public String name() {
        return "dynamodb";
    }

    @Override
    public void start() throws Exception {
        Files.createDirectories(dir);
        int port = Ports.free();
        server = ServerRunner.createServerFromCommandLineArgs(new String[] {
                "-port", Integer.toString(port), "-dbPath", dir.toString(), "-sharedDb", "-disableTelemetry"});
        bindToLoopback(server);
        server.start();
        endpoint = "http://127.0.0.1:" + port;
        // ListTables touches the SQLite file, so this also proves the sqlite4java natives loaded.
        Waits.until("dynamodb", Duration.ofSeconds(30), Duration.ofMillis(100),
                () -> StackProbe.dynamodb(endpoint, Duration.ofSeconds(5)));
    }

    private static void bindToLoopback(DynamoDBProxyServer proxy) throws ReflectiveOperationException {
        Field field = DynamoDBProxyServer.class.getDeclaredField("server");
        field.setAccessible(true);
        Server jetty = (Server) field.get(proxy);
        for (Connector connector : jetty.getConnectors()) {
            if (connector instanceof ServerConnector serverConnector) {
                serverConnector.setHost("127.0.0.1");
            }
        }
    }

    @Override
    public String endpoint() {
        return endpoint;
    }

    @Override
    public Map<String, String> attributes() {
        return Map.of("dynamodb.data", dir.toString());
    }

    @Override
    public void stop() throws Exception {
        if (server != null) {
            server.stop();
            server = null;
        }
    }
}
