package io.chariot.infra.local.servers;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node Kafka 3.9 in KRaft mode (broker and controller in this JVM), its log in {@code <work>/kafka/data},
 * formatted once per fresh directory and kept across restarts. Creates the events topic if absent.
 */
final class KafkaServer implements ManagedServer {

    static final String TOPIC = "chariot.events";
    private static final Logger LOG = LoggerFactory.getLogger(KafkaServer.class);

    private final Path dir;
    private final Path logDir;
    private final int partitions;
    private final Map<String, String> attributes = new LinkedHashMap<>();
    private KafkaRaftServer server;
    private String bootstrap;

    KafkaServer(Path workDir, int partitions) {
        this.dir = workDir.resolve("kafka");
        this.logDir = dir.resolve("data");
        this.partitions = partitions;
    }

    @Override
    public String name() {
        return "kafka";
    }

    @Override
    public void start() throws Exception {
        Files.createDirectories(logDir);
        int port = Ports.free();
        int controllerPort = Ports.free();
        bootstrap = "127.0.0.1:" + port;

        Properties props = new Properties();
        props.setProperty("process.roles", "broker,controller");
        props.setProperty("node.id", "1");
        props.setProperty("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        props.setProperty("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        props.setProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        props.setProperty("controller.listener.names", "CONTROLLER");
        props.setProperty("inter.broker.listener.name", "PLAINTEXT");
        props.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        props.setProperty("log.dirs", logDir.toString());
        props.setProperty("num.partitions", Integer.toString(partitions));
        props.setProperty("default.replication.factor", "1");
        props.setProperty("min.insync.replicas", "1");
        props.setProperty("offsets.topic.replication.factor", "1");
        props.setProperty("offsets.topic.num.partitions", "8");
        props.setProperty("transaction.state.log.replication.factor", "1");
        props.setProperty("transaction.state.log.min.isr", "1");
        props.setProperty("transaction.state.log.num.partitions", "4");
        props.setProperty("group.initial.rebalance.delay.ms", "0");
        // A small machine: fewer threads than the defaults.
        props.setProperty("num.network.threads", "2");
        props.setProperty("num.io.threads", "2");
        props.setProperty("background.threads", "2");
        props.setProperty("num.recovery.threads.per.data.dir", "1");
        props.setProperty("log.cleaner.threads", "1");
        props.setProperty("log.cleaner.dedupe.buffer.size", Integer.toString(8 * 1024 * 1024));
        Path config = dir.resolve("server.properties");
        try (OutputStream out = Files.newOutputStream(config)) {
            props.store(out, "Chariot local stack: Kafka KRaft (rewritten on every start)");
        }

        if (!Files.exists(logDir.resolve("meta.properties"))) {
            String clusterId = Uuid.randomUuid().toString();
            ByteArrayOutputStream output = new ByteArrayOutputStream();
            int code;
            try (PrintStream print = new PrintStream(output, true, StandardCharsets.UTF_8)) {
                // In-process: StorageTool.main would exit the JVM.
                code = StorageTool.execute(new String[] {"format", "-t", clusterId, "-c", config.toString(),
                        "--ignore-formatted"}, print);
            }
            LOG.info("formatted {} for cluster {}: {}", logDir, clusterId, output.toString(StandardCharsets.UTF_8).trim());
            if (code != 0) {
                throw new IllegalStateException("kafka-storage format failed (" + code + "): " + output);
            }
        }

        server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
        server.startup();

        Properties adminProps = new Properties();
        adminProps.setProperty(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        adminProps.setProperty(AdminClientConfig.CLIENT_ID_CONFIG, "chariot-stack");
        adminProps.setProperty(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        adminProps.setProperty(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "10000");
        adminProps.setProperty(AdminClientConfig.RETRY_BACKOFF_MS_CONFIG, "100");
        try (Admin admin = Admin.create(adminProps)) {
            // The port opens a little before the broker is registered with the controller.
            Waits.until("kafka", Duration.ofSeconds(60), Duration.ofMillis(100), () -> {
                var nodes = admin.describeCluster().nodes().get(5, TimeUnit.SECONDS);
                if (nodes.isEmpty()) {
                    throw new IllegalStateException("no broker registered yet");
                }
            });
            if (!admin.listTopics().names().get(10, TimeUnit.SECONDS).contains(TOPIC)) {
                try {
                    // Timestamps from the broker, so they never go backwards within a partition: the platform's Kafka
                    // consumers hand records on in timestamp order across partitions, and a producer's clock (two
                    // publishers one after the other, skewed) must not reorder one aggregate's events.
                    admin.createTopics(List.of(new NewTopic(TOPIC, partitions, (short) 1)
                            .configs(Map.of("message.timestamp.type", "LogAppendTime"))))
                            .all().get(30, TimeUnit.SECONDS);
                    LOG.info("created topic {} with {} partitions", TOPIC, partitions);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
            // A topic just created is known to the controller a little before the broker serves its metadata.
            TopicDescription[] described = new TopicDescription[1];
            Waits.until("kafka topic " + TOPIC, Duration.ofSeconds(60), Duration.ofMillis(100), () ->
                    described[0] = admin.describeTopics(List.of(TOPIC)).allTopicNames().get(10, TimeUnit.SECONDS)
                            .get(TOPIC));
            TopicDescription topic = described[0];
            attributes.put("kafka.topic", TOPIC);
            attributes.put("kafka.topic.partitions", Integer.toString(topic.partitions().size()));
            if (topic.partitions().size() != partitions) {
                LOG.warn("topic {} has {} partitions, not the {} asked for (kept: partitions never shrink)",
                        TOPIC, topic.partitions().size(), partitions);
            }
        }
        attributes.put("kafka.data", logDir.toString());
    }

    @Override
    public String endpoint() {
        return bootstrap;
    }

    @Override
    public Map<String, String> attributes() {
        return attributes;
    }

    @Override
    public void stop() {
        if (server != null) {
            server.shutdown();
            server.awaitShutdown();
            server = null;
        }
    }
}
