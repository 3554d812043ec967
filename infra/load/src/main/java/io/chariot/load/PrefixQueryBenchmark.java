package io.chariot.load;

import io.chariot.infra.local.StackEndpoints;
import io.chariot.projections.dynamodb.KeyRange;
import org.HdrHistogram.Histogram;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;

/**
 * {@code GET /my?key=<prefix>}'s query on one tenant's filled partition, as {@code begins_with} and as the
 * {@code BETWEEN} of {@link KeyRange}, against a running stack's DynamoDB (issue 14). A scratch table is created,
 * filled and dropped; each round times both forms on the same random asset keys and checks they found the same items.
 */
@Command(name = "prefix-query-benchmark", mixinStandardHelpOptions = true,
        description = "Times GET /my's key-prefix query on a filled partition: begins_with against BETWEEN.")
public final class PrefixQueryBenchmark implements Callable<Integer> {

    @Option(names = "--stack-dir", defaultValue = ".chariot/stack",
            description = "Directory of the running stack's endpoints.properties (default: ${DEFAULT-VALUE}).")
    Path stackDir;

    @Option(names = "--items", defaultValue = "16000", description = "Items in the partition (default: ${DEFAULT-VALUE}).")
    int items;

    @Option(names = "--queries", defaultValue = "300", description = "Queries per form and round (default: ${DEFAULT-VALUE}).")
    int queries;

    @Option(names = "--rounds", defaultValue = "3", description = "Rounds; the first warms up (default: ${DEFAULT-VALUE}).")
    int rounds;

    private static final String TABLE = "prefix_query_benchmark";
    private static final String TENANT = "bench@chariot.local";

    public static void main(String[] args) {
        CommandLine cli = new CommandLine(new PrefixQueryBenchmark());
        cli.setParameterExceptionHandler((e, ignored) -> {
            e.getCommandLine().getErr().println("prefix-query-benchmark: " + e.getMessage() + " (see --help)");
            return 2;
        });
        System.exit(cli.execute(args));
    }

    @Override
    public Integer call() {
        if (items < 4 || queries < 1 || rounds < 1) {
            System.err.println("prefix-query-benchmark: --items must be at least 4, --queries and --rounds at least 1");
            return 2;
        }
        StackEndpoints endpoints = StackEndpoints.discover(stackDir.toAbsolutePath().normalize()).orElse(null);
        if (endpoints == null) {
            System.err.println("prefix-query-benchmark: no running stack: no complete endpoints file in " + stackDir);
            return 2;
        }
        try (DynamoDbClient dynamo = RebuildBenchmark.dynamo(endpoints)) {
            List<String> assets = fill(dynamo);
            try {
                measure(dynamo, assets);
            } finally {
                dynamo.deleteTable(b -> b.tableName(TABLE));
            }
        }
        return 0;
    }

    /** A partition of assets, attributes and risks, as a tenant's; returns the asset keys. */
    private List<String> fill(DynamoDbClient dynamo) {
        dynamo.createTable(b -> b.tableName(TABLE).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(attribute("username"), attribute("key"))
                .keySchema(KeySchemaElement.builder().attributeName("username").keyType(KeyType.HASH).build(),
                        KeySchemaElement.builder().attributeName("key").keyType(KeyType.RANGE).build()));
        List<String> assets = new ArrayList<>();
        List<WriteRequest> batch = new ArrayList<>();
        for (int i = 0; i < items; i++) {
            String kind = i % 4 == 0 ? "#attribute#" : i % 4 == 1 ? "#risk#" : "#asset#";
            String key = kind + "host" + i + ".example.com#host" + i + ".example.com";
            if (kind.equals("#asset#")) {
                assets.add(key);
            }
            Map<String, AttributeValue> item = Map.of("username", AttributeValue.fromS(TENANT),
                    "key", AttributeValue.fromS(key), "name", AttributeValue.fromS("host" + i),
                    "status", AttributeValue.fromS("A"));
            batch.add(WriteRequest.builder().putRequest(p -> p.item(item)).build());
            if (batch.size() == 25 || i == items - 1) {
                List<WriteRequest> writes = batch;
                dynamo.batchWriteItem(b -> b.requestItems(Map.of(TABLE, writes)));
                batch = new ArrayList<>();
            }
        }
        return assets;
    }

    private void measure(DynamoDbClient dynamo, List<String> assets) {
        SplittableRandom random = new SplittableRandom(14);
        System.out.printf("%,d items in one partition, %d queries per form and round, DynamoDB at %s%n", items,
                queries, dynamo.serviceClientConfiguration().endpointOverride().orElse(null));
        for (int round = 1; round <= rounds; round++) {
            Histogram beginsWith = new Histogram(3);
            Histogram range = new Histogram(3);
            for (int i = 0; i < queries; i++) {
                String prefix = assets.get(random.nextInt(assets.size()));
                long t0 = System.nanoTime();
                int a = query(dynamo, prefix, false);
                long t1 = System.nanoTime();
                int b = query(dynamo, prefix, true);
                long t2 = System.nanoTime();
                if (a != b || a == 0) {
                    throw new IllegalStateException("the forms disagree on " + prefix + ": " + a + " against " + b);
                }
                beginsWith.recordValue((t1 - t0) / 1000);
                range.recordValue((t2 - t1) / 1000);
            }
            System.out.printf("round %d%s: begins_with p50 %.2f ms, p90 %.2f ms; BETWEEN p50 %.2f ms, p90 %.2f ms%n",
                    round, round == 1 ? " (warm-up)" : "", StepLatencies.percentileMs(beginsWith, 50),
                    StepLatencies.percentileMs(beginsWith, 90), StepLatencies.percentileMs(range, 50),
                    StepLatencies.percentileMs(range, 90));
        }
    }

    /** The items the prefix finds: as {@code begins_with}, or as the range {@code KeySearch} sends. */
    private static int query(DynamoDbClient dynamo, String prefix, boolean asRange) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":tenant", AttributeValue.fromS(TENANT)));
        String sortKey = asRange ? KeyRange.startsWith("#sk", ":prefix", prefix, values)
                : "begins_with(#sk, :prefix)";
        values.putIfAbsent(":prefix", AttributeValue.fromS(prefix));
        return dynamo.query(b -> b.tableName(TABLE).keyConditionExpression("#pk = :tenant AND " + sortKey)
                .expressionAttributeNames(Map.of("#pk", "username", "#sk", "key"))
                .expressionAttributeValues(values).limit(100)).count();
    }

    private static AttributeDefinition attribute(String name) {
        return AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build();
    }
}
