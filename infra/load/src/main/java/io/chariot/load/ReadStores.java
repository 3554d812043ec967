package io.chariot.load;

import io.chariot.infra.local.StackEndpoints;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Config;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.neo4j.driver.Session;
import org.neo4j.driver.SessionConfig;
import redis.clients.jedis.Jedis;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Direct probes of the three read stores, bypassing the platform: is this asset key there yet? Each probe answers
 * for a batch of keys in one round trip, so polling many in-flight assets costs one request per store per poll.
 */
final class ReadStores implements AutoCloseable {

    /** One read store. Probes are used from one thread each. */
    interface Probe {
        String name();

        /** The keys of {@code keys} that the store holds for the tenant. */
        Set<String> visible(List<String> keys);
    }

    private final DynamoDbClient dynamo;
    private final Driver neo4j;
    private final Jedis redis;
    private final List<Probe> probes;

    ReadStores(StackEndpoints endpoints, String tenant, String table) {
        this.dynamo = DynamoDbClient.builder()
                .region(Region.US_EAST_1)
                .endpointOverride(URI.create(endpoints.dynamodbEndpoint()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(5))
                        .socketTimeout(Duration.ofSeconds(30)).build())
                .build();
        this.neo4j = GraphDatabase.driver(endpoints.neo4jUri(), AuthTokens.none(),
                Config.builder().withMaxConnectionPoolSize(4).withoutEncryption().build());
        this.redis = new Jedis(URI.create(endpoints.redisUrl()));
        this.probes = List.of(new Dynamo(dynamo, table, tenant), new Neo4j(neo4j, tenant),
                new Redis(redis, "chariot:state:{" + tenant + "}:asset"));
    }

    List<Probe> probes() {
        return probes;
    }

    DynamoDbClient dynamo() {
        return dynamo;
    }

    Driver neo4j() {
        return neo4j;
    }

    /** Number of Asset nodes of the tenant and of entries in its Redis state hash (a cheap progress signal). */
    long redisAssetCount(String tenant) {
        synchronized (redis) {
            return redis.hlen("chariot:state:{" + tenant + "}:asset");
        }
    }

    @Override
    public void close() {
        try {
            redis.close();
        } catch (RuntimeException ignored) {
            // closing anyway
        }
        neo4j.close();
        dynamo.close();
    }

    /** BatchGetItem (GetItem for up to 100 keys) on {@code chariot}, keyed username + key, consistent reads. */
    private record Dynamo(DynamoDbClient client, String table, String tenant) implements Probe {
        @Override
        public String name() {
            return "DynamoDB";
        }

        @Override
        public Set<String> visible(List<String> keys) {
            Set<String> found = new HashSet<>();
            for (int from = 0; from < keys.size(); from += 100) {
                List<Map<String, AttributeValue>> batch = new ArrayList<>();
                for (String key : keys.subList(from, Math.min(keys.size(), from + 100))) {
                    batch.add(Map.of("username", AttributeValue.fromS(tenant), "key", AttributeValue.fromS(key)));
                }
                Map<String, KeysAndAttributes> request = Map.of(table, KeysAndAttributes.builder().keys(batch)
                        .consistentRead(true).projectionExpression("#k").expressionAttributeNames(Map.of("#k", "key"))
                        .build());
                while (request != null && !request.isEmpty()) {
                    BatchGetItemResponse response = client.batchGetItem(
                            BatchGetItemRequest.builder().requestItems(request).build());
                    response.responses().getOrDefault(table, List.of()).forEach(item -> found.add(item.get("key").s()));
                    request = response.hasUnprocessedKeys() ? response.unprocessedKeys() : null;
                }
            }
            return found;
        }
    }

    /** {@code MATCH (a:Asset {uid: tenant + key})} for a batch of uids (the uid uniqueness constraint's index). */
    private record Neo4j(Driver driver, String tenant) implements Probe {
        @Override
        public String name() {
            return "Neo4j";
        }

        @Override
        public Set<String> visible(List<String> keys) {
            List<String> uids = keys.stream().map(k -> tenant + k).toList();
            Set<String> found = new HashSet<>();
            try (Session session = driver.session(SessionConfig.builder()
                    .withDefaultAccessMode(org.neo4j.driver.AccessMode.READ).build())) {
                session.executeRead(tx -> {
                    tx.run("UNWIND $uids AS uid MATCH (a:Asset {uid: uid}) RETURN a.key AS key", Map.of("uids", uids))
                            .forEachRemaining(r -> found.add(r.get("key").asString()));
                    return null;
                });
            }
            return found;
        }
    }

    /** HMGET on the tenant's Redis state hash {@code chariot:state:{tenant}:asset}. */
    private record Redis(Jedis jedis, String stateKey) implements Probe {
        @Override
        public String name() {
            return "Redis";
        }

        @Override
        public Set<String> visible(List<String> keys) {
            Set<String> found = new HashSet<>();
            if (keys.isEmpty()) {
                return found;
            }
            List<String> values;
            synchronized (jedis) {
                values = jedis.hmget(stateKey, keys.toArray(String[]::new));
            }
            for (int i = 0; i < keys.size(); i++) {
                String v = values.get(i);
                // A tombstone ("seq|") is a removed record, not a visible one.
                if (v != null && !v.endsWith("|")) {
                    found.add(keys.get(i));
                }
            }
            return found;
        }
    }
}
