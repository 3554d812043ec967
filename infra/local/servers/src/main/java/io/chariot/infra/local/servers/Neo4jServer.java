package io.chariot.infra.local.servers;

import io.chariot.infra.local.StackProbe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.BoltConnectorInternalSettings;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.io.ByteUnit;

/**
 * Neo4j 5 Community embedded, home (data, transaction logs, debug.log) in {@code <work>/neo4j}, kept across restarts.
 * Bolt only, on 127.0.0.1, without authentication or TLS; no HTTP, no routing connector, no usage reports.
 */
final class Neo4jServer implements ManagedServer {

    private final Path home;
    private DatabaseManagementService service;
    private String uri;

    Neo4jServer(Path workDir) {
        this.home = workDir.resolve("neo4j");
    }

    @Override
    public String name() {
        return "neo4j";
    }

    @Override
    public void start() throws Exception {
        Files.createDirectories(home);
        int port = Ports.free();
        SocketAddress bolt = new SocketAddress("127.0.0.1", port);
        service = new DatabaseManagementServiceBuilder(home)
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, bolt)
                .setConfig(BoltConnector.advertised_address, bolt)
                .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
                .setConfig(BoltConnector.server_bolt_telemetry_enabled, false)
                .setConfig(BoltConnector.thread_pool_min_size, 1)
                // Shutdown otherwise waits 2 x 5 s even with no connection open.
                .setConfig(BoltConnectorInternalSettings.connection_shutdown_wait_time, Duration.ofSeconds(1))
                .setConfig(BoltConnectorInternalSettings.thread_pool_shutdown_wait_time, Duration.ofSeconds(1))
                .setConfig(HttpConnector.enabled, false)
                .setConfig(HttpsConnector.enabled, false)
                .setConfig(GraphDatabaseSettings.routing_enabled, false)
                .setConfig(GraphDatabaseSettings.auth_enabled, false)
                .setConfig(GraphDatabaseSettings.udc_enabled, false)
                .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.mebiBytes(64))
                .setConfig(GraphDatabaseSettings.preallocate_logical_logs, false)
                .setConfig(GraphDatabaseSettings.logical_log_rotation_threshold, ByteUnit.mebiBytes(32))
                .build();
        service.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME).executeTransactionally("RETURN 1");
        uri = "bolt://127.0.0.1:" + port;
        Waits.until("neo4j", Duration.ofSeconds(30), Duration.ofMillis(100),
                () -> StackProbe.neo4j(uri, Duration.ofSeconds(5)));
    }

    @Override
    public String endpoint() {
        return uri;
    }

    @Override
    public Map<String, String> attributes() {
        return Map.of("neo4j.home", home.toString());
    }

    @Override
    public void stop() {
        if (service != null) {
            service.shutdown();
            service = null;
        }
    }
}
