package io.chariot.platform.migration;

import com.fasterxml.jackson.databind.JsonNode;
import io.chariot.infra.local.StackEndpoints;
import io.chariot.migration.source.LiveTable;
import io.chariot.platform.ChariotClient;
import io.chariot.platform.PlatformIntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.chariot.platform.migration.MigrationSupport.cli;
import static io.chariot.platform.migration.MigrationSupport.env;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The cut-over path against a live legacy table in DynamoDB Local: {@code run --table} imports it by a parallel
 * scan, {@code follow} tails its stream (re-reading the items the scan already imported appends nothing) and imports
 * each change until the stop file appears.
 */
class MigrationFollowIT extends PlatformIntegrationTest {

    @TempDir
    Path work;

    @Test
    void aLiveTableImportsByScanAndItsChangesFollowUntilTheSwitch() throws Exception {
        StackEndpoints stack = endpoints();
        String table = "legacy-" + UUID.randomUUID().toString().substring(0, 8);
        String tenant = "follow-" + UUID.randomUUID().toString().substring(0, 8) + "@legacy.example";
        try (DynamoDbClient dynamo = LiveTable.client(stack.dynamodbEndpoint(), "us-east-2", Map.of())) {
            dynamo.createTable(CreateTableRequest.builder().tableName(table).billingMode(BillingMode.PAY_PER_REQUEST)
                    .keySchema(KeySchemaElement.builder().attributeName("username").keyType(KeyType.HASH).build(),
                            KeySchemaElement.builder().attributeName("key").keyType(KeyType.RANGE).build())
                    .attributeDefinitions(attribute("username"), attribute("key"))
                    .streamSpecification(StreamSpecification.builder().streamEnabled(true)
                            .streamViewType(StreamViewType.NEW_AND_OLD_IMAGES).build()).build());
            put(dynamo, table, job(tenant, "JQ", "2024-03-01T10:00:00Z"));
            put(dynamo, table, setting(tenant, "daily"));

            Path source = Files.createDirectories(work.resolve("source/neo4j"));
            Files.writeString(source.resolve("graph.jsonl"), "");
            Map<String, String> env = new HashMap<>(env(stack, null, null));
            List<String> live = List.of("--table", table, "--dynamodb-endpoint", stack.dynamodbEndpoint(),
                    "--segments", "3");
            var run = cliList(env, work, concat(List.of("run", work.resolve("source").toString(), "--quarantine",
                    work.resolve("q.jsonl").toString()), live));
            assertThat(run.exit()).as(run.all()).isZero();
            assertThat(run.out()).contains("2 records to import as 2 events");

            ChariotClient reader = clientFor(OPERATOR).as(tenant);
            await().atMost(Duration.ofSeconds(60)).until(() -> jobStatus(reader).startsWith("JQ#"));

            Path stop = work.resolve("switch");
            CompletableFuture<MigrationSupport.CliRun> follow = CompletableFuture.supplyAsync(() -> cli(env, work,
                    "follow", "--table", table, "--dynamodb-endpoint", stack.dynamodbEndpoint(), "--stop-file",
                    stop.toString(), "--poll-millis", "200", "--quarantine", work.resolve("fq.jsonl").toString()));
            put(dynamo, table, job(tenant, "JP", "2024-03-01T11:00:00Z"));
            put(dynamo, table, setting(tenant, "weekly"));

            try {
                await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
                    assertThat(follow).as("follow is still running").isNotDone();
                    assertThat(jobStatus(reader) + " " + settingValue(reader))
                            .isEqualTo("JP#2024-03-01T11:00:00Z {\"every\":\"weekly\"}");
                });
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                Files.writeString(stop, "");
                throw new AssertionError(e.getMessage() + "\nfollow said: " + follow.get(60, TimeUnit.SECONDS).all(),
                        e);
            }
            Files.writeString(stop, "");
            MigrationSupport.CliRun followed = follow.get(60, TimeUnit.SECONDS);
            assertThat(followed.exit()).as(followed.all()).isZero();
            assertThat(followed.out()).contains("lag").contains("stopped after 4 changes, 2 events appended");
            // the job's aggregate holds its queueing once and its finish once: the re-read insert added nothing
            assertThat(MigrationSupport.count(stack.postgresJdbcUrl(), stack, "SELECT count(*) FROM domainevententry "
                    + "WHERE aggregateIdentifier = '" + tenant + "#job#legacy.example#host.legacy.example#portscan'"))
                    .isEqualTo(2);
        }
    }

    private static String jobStatus(ChariotClient reader) {
        for (JsonNode job : reader.my("#job#").json().path("jobs")) {
            return job.path("status").asText();
        }
        return "";
    }

    private static String settingValue(ChariotClient reader) {
        for (JsonNode s : reader.my("#setting#").json().path("settings")) {
            return s.path("value").toString();
        }
        return "";
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new java.util.ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static MigrationSupport.CliRun cliList(Map<String, String> env, Path work, List<String> args) {
        return MigrationSupport.cli(env, work, args.toArray(String[]::new));
    }

    private static AttributeDefinition attribute(String name) {
        return AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build();
    }

    private static void put(DynamoDbClient dynamo, String table, Map<String, AttributeValue> item) {
        dynamo.putItem(PutItemRequest.builder().tableName(table).item(item).build());
    }

    private static Map<String, AttributeValue> job(String tenant, String code, String at) {
        Map<String, AttributeValue> target = Map.of("type", s("asset"), "model", AttributeValue.fromM(Map.of(
                "key", s("#asset#legacy.example#host.legacy.example"))));
        return Map.of("username", s(tenant), "key", s("#job#legacy.example#host.legacy.example#portscan"),
                "status", s(code + "#" + at), "source", s("portscan#" + at), "created", s("2024-03-01T09:00:00Z"),
                "updated", s(at), "capabilities", AttributeValue.fromL(List.of(s("portscan"))),
                "target", AttributeValue.fromM(target));
    }

    private static Map<String, AttributeValue> setting(String tenant, String digest) {
        return Map.of("username", s(tenant), "key", s("#setting#digest"), "name", s("digest"),
                "value", AttributeValue.fromM(Map.of("every", s(digest))),
                "last_modified", s(digest.equals("daily") ? "2024-02-01T00:00:00Z" : "2024-03-02T00:00:00Z"));
    }

    private static AttributeValue s(String v) {
        return AttributeValue.fromS(v);
    }
}
