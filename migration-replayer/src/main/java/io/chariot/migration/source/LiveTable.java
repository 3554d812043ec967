package io.chariot.migration.source;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The legacy table read through the DynamoDB API instead of an export: a parallel scan in {@code segments} segments
 * (each on its own thread), strongly consistent, every item a {@link LegacyRecord} whose origin names the table and
 * the item's key, so the plan does not depend on the scan's order.
 */
public final class LiveTable {

    private LiveTable() {
    }

    /** A client for {@code endpoint} (AWS's own when null); DynamoDB Local takes any credentials. */
    public static DynamoDbClient client(String endpoint, String region, Map<String, String> env) {
        var builder = DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create())
                .region(Region.of(region)).credentialsProvider(credentials(endpoint, env));
        if (endpoint != null) {
            builder.endpointOverride(URI.create(endpoint));
        }
        return builder.build();
    }

    public static DynamoDbStreamsClient streams(String endpoint, String region, Map<String, String> env) {
        var builder = DynamoDbStreamsClient.builder().httpClient(UrlConnectionHttpClient.create())
                .region(Region.of(region)).credentialsProvider(credentials(endpoint, env));
        if (endpoint != null) {
            builder.endpointOverride(URI.create(endpoint));
        }
        return builder.build();
    }

    private static AwsCredentialsProvider credentials(String endpoint, Map<String, String> env) {
        if (endpoint != null && env.get("AWS_ACCESS_KEY_ID") == null) {
            return StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));
        }
        return DefaultCredentialsProvider.builder().build();
    }

    public static List<LegacyRecord> scan(DynamoDbClient client, String table, int segments) {
        ExecutorService pool = Executors.newFixedThreadPool(segments);
        try {
            List<Future<List<LegacyRecord>>> parts = new ArrayList<>();
            for (int s = 0; s < segments; s++) {
                int segment = s;
                parts.add(pool.submit(() -> scanSegment(client, table, segment, segments)));
            }
            List<LegacyRecord> all = new ArrayList<>();
            for (Future<List<LegacyRecord>> part : parts) {
                all.addAll(part.get());
            }
            return all;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SourceException("interrupted while scanning " + table);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new SourceException("cannot scan table " + table + ": " + e.getCause().getMessage(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<LegacyRecord> scanSegment(DynamoDbClient client, String table, int segment, int total) {
        List<LegacyRecord> records = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            var response = client.scan(ScanRequest.builder().tableName(table).segment(segment).totalSegments(total)
                    .consistentRead(true).exclusiveStartKey(start).build());
            response.items().forEach(item -> records.add(record(table, item)));
            start = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                    ? response.lastEvaluatedKey() : null;
        } while (start != null);
        return records;
    }

    /** An item of the table (or a stream image) as a record; {@code origin} names the table and the item's key. */
    public static LegacyRecord record(String table, Map<String, AttributeValue> item) {
        var fields = DynamoDbJson.item(item);
        String origin = "table " + table + " " + fields.path("username").asText("?") + " "
                + fields.path("key").asText("?");
        return new LegacyRecord(origin, "dynamodb", null, List.of(), fields);
    }
}
