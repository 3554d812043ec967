package io.chariot.infra.local.servers;

import static org.assertj.core.api.Assertions.assertThat;

import io.chariot.infra.local.LocalStack;
import io.chariot.infra.local.StackEndpoints;
import io.chariot.infra.local.StackProbe;
import io.chariot.infra.local.junit.WithLocalStack;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.neo4j.driver.Session;
import picocli.CommandLine;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/** Starts the real stack through the JUnit extension (a child JVM) and talks to each server with its real client. */
@WithLocalStack
class LocalStackTest {

    @BeforeAll
    static void theStackIsUpBeforeTheFirstTest(StackEndpoints endpoints) {
        assertThat(endpoints.isComplete()).isTrue();
    }

    @Test
    void everyServerAnswersOnLoopback(StackEndpoints endpoints) {
        assertThat(List.of(endpoints.postgresJdbcUrl(), endpoints.kafkaBootstrap(), endpoints.dynamodbEndpoint(),
                endpoints.neo4jUri(), endpoints.redisUrl())).allMatch(e -> e.contains("127.0.0.1:"));
        assertThat(StackProbe.probeAll(endpoints, Duration.ofSeconds(5))).allMatch(StackProbe.Result::ok);
    }

    @Test
    void postgresAnswersSelectOneWithDurableCommits(StackEndpoints endpoints) throws Exception {
        try (Connection connection = DriverManager.getConnection(endpoints.postgresJdbcUrl(), endpoints.postgresUser(),
                endpoints.postgresPassword());
             Statement statement = connection.createStatement()) {
            assertThat(single(statement, "select 1")).isEqualTo("1");
            assertThat(single(statement, "show synchronous_commit")).isEqualTo("on");
            assertThat(single(statement, "show fsync")).isEqualTo("on");
            assertThat(single(statement, "select current_database()")).isEqualTo("chariot");
        }
        assertThat(endpoints.attributes()).containsEntry("postgres.settings.synchronous_commit", "on")
                .containsEntry("postgres.settings.fsync", "on");
    }

    @Test
    void kafkaHasTheEventsTopicWithFourPartitionsStampedByTheBroker(StackEndpoints endpoints) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, endpoints.kafkaBootstrap()))) {
            assertThat(admin.listTopics().names().get(10, TimeUnit.SECONDS)).contains("chariot.events");
            assertThat(admin.describeTopics(List.of("chariot.events")).allTopicNames().get(10, TimeUnit.SECONDS)
                    .get("chariot.events").partitions()).hasSize(4);
            var topic = new org.apache.kafka.common.config.ConfigResource(
                    org.apache.kafka.common.config.ConfigResource.Type.TOPIC, "chariot.events");
            assertThat(admin.describeConfigs(List.of(topic)).all().get(10, TimeUnit.SECONDS).get(topic)
                    .get("message.timestamp.type").value()).isEqualTo("LogAppendTime");
        }
    }

    @Test
    void dynamodbListsTablesOverPlainHttp(StackEndpoints endpoints) {
        try (DynamoDbClient dynamo = DynamoDbClient.builder()
                .endpointOverride(URI.create(endpoints.dynamodbEndpoint()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("dummy", "dummy")))
                .httpClient(UrlConnectionHttpClient.create())
                .build()) {
            assertThat(dynamo.listTables().tableNames()).doesNotContain("stack-test");
            dynamo.createTable(b -> b.tableName("stack-test").billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(AttributeDefinition.builder().attributeName("id")
                            .attributeType(ScalarAttributeType.S).build())
                    .keySchema(KeySchemaElement.builder().attributeName("id").keyType(KeyType.HASH).build()));
            assertThat(dynamo.listTables().tableNames()).contains("stack-test");
        }
    }

    @Test
    void neo4jRunsCypherOverBolt(StackEndpoints endpoints) {
        try (Driver driver = GraphDatabase.driver(endpoints.neo4jUri(), AuthTokens.none());
             Session session = driver.session()) {
            assertThat(session.run("RETURN 1").single().get(0).asInt()).isEqualTo(1);
        }
    }

    @Test
    void redisAnswersPing(StackEndpoints endpoints) throws Exception {
        URI uri = URI.create(endpoints.redisUrl());
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write("*1\r\n$4\r\nPING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            assertThat(new String(in.readNBytes(7), StandardCharsets.US_ASCII)).isEqualTo("+PONG\r\n");
        }
    }

    @Test
    void statusFindsTheStackThroughItsEndpointsFile() {
        LocalStack stack = LocalStack.shared();
        StringWriter out = new StringWriter();
        CommandLine commandLine = StackMain.commandLine();
        commandLine.setOut(new PrintWriter(out));

        int code = commandLine.execute("status", "--work-dir", stack.workDir().toString());

        assertThat(code).isZero();
        assertThat(out.toString()).startsWith("stack up: " + stack.endpoints().summary());
    }

    private static String single(Statement statement, String sql) throws Exception {
        try (ResultSet rs = statement.executeQuery(sql)) {
            assertThat(rs.next()).isTrue();
            return rs.getString(1);
        }
    }
}
