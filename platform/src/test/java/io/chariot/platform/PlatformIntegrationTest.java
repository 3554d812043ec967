package io.chariot.platform;

import io.chariot.api.account.SecretHash;
import io.chariot.api.account.AccountCommands.IssueApiKey;
import io.chariot.infra.local.StackEndpoints;
import io.chariot.infra.local.junit.LocalStackExtension;
import io.chariot.infra.local.junit.WithLocalStack;
import io.chariot.projections.ReadModels;
import io.chariot.projections.dynamodb.TableReadModel;
import io.chariot.projections.neo4j.GraphSchema;
import io.chariot.projections.redis.CountKeys;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.util.UUID;

/**
 * Base of the platform's integration tests: the whole application on a random port against the real servers of
 * the local stack (one stack per test JVM, shared by every test class; one Spring context, cached).
 */
@WithLocalStack
@Import({InMemoryTracing.class, FaultyReadModel.Config.class, FaultySaga.Config.class})
@AutoConfigureObservability
// A small GET /my page so paging is exercised with a handful of items; a small file limit so it is cheap to exceed.
@SpringBootTest(classes = ChariotPlatform.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"chariot.query.page-size=4", "chariot.operators=" + PlatformIntegrationTest.OPERATOR,
                // Frequent rebuild checkpoints and a short blue-green grace, so resume and drop show in seconds.
                "chariot.projections.checkpoint-every=50", "chariot.projections.drop-grace=1s",
                "chariot.files.max-bytes=" + PlatformIntegrationTest.FILE_LIMIT,
                // A read model that fails on demand (EventProcessingFailuresIT), fed like the real ones. One context
                // for every IT: two would consume the same topic and token store with the same node id.
                "axon.eventhandling.processors.test-faulty.mode=tracking",
                "axon.eventhandling.processors.test-faulty.source=streamableKafkaMessageSource",
                "axon.eventhandling.processors.test-faulty.batch-size=100",
                // A saga that fails on demand (SagasIT, the explorer's saga pages), in its own group like the real ones.
                "axon.eventhandling.processors.test-faulty-saga.mode=tracking",
                "axon.eventhandling.processors.test-faulty-saga.source=streamableKafkaMessageSource",
                "axon.eventhandling.processors.test-faulty-saga.batch-size=1",
                // A remediated risk's re-test is awaited 3 s, so the flag shows in seconds (SagasIT).
                "chariot.sagas.remediation.deadline=3s",
                "chariot.consistency.retry.max-delay=200ms",
                // Every trace recorded (Boot samples 10 % by default), so TracingIT finds its spans.
                "management.tracing.sampling.probability=1.0"})
public abstract class PlatformIntegrationTest {

    /** The platform operator of the test deployment (may use /admin). */
    protected static final String OPERATOR = "ops@chariot.test";
    /** The largest file the test deployment stores: above the 1 MiB JSON body limit, so uploads prove they bypass it. */
    protected static final int FILE_LIMIT = 2 * 1024 * 1024;

    /** Where the platform exports its spans over OTLP/HTTP (TracingIT), as it would to a collector or Jaeger. */
    protected static final OtlpCollector OTLP = new OtlpCollector();

    /** The provider of the {@code seedhub} integration, which onboarding asks (OnboardingIT); {@code deadhub}'s is down. */
    protected static final ProviderServer PROVIDER = new ProviderServer();
    protected static final String DEAD_PROVIDER = ProviderServer.downUrl();

    @LocalServerPort
    protected int port;

    @Autowired
    protected CommandGateway commands;

    @Autowired
    protected ReadModels readModels;

    @DynamicPropertySource
    static void stack(DynamicPropertyRegistry registry) {
        StackEndpoints endpoints = LocalStackExtension.endpoints();
        registry.add("spring.datasource.url", endpoints::postgresJdbcUrl);
        registry.add("spring.datasource.username", endpoints::postgresUser);
        registry.add("spring.datasource.password", endpoints::postgresPassword);
        registry.add("axon.kafka.bootstrap-servers", endpoints::kafkaBootstrap);
        registry.add("chariot.dynamodb.endpoint", endpoints::dynamodbEndpoint);
        registry.add("chariot.neo4j.uri", endpoints::neo4jUri);
        registry.add("spring.neo4j.uri", endpoints::neo4jUri);
        registry.add("chariot.redis.url", endpoints::redisUrl);
        registry.add("management.otlp.tracing.endpoint", OTLP::endpoint);
        registry.add("chariot.sagas.onboarding.providers.seedhub", PROVIDER::baseUrl);
        registry.add("chariot.sagas.onboarding.providers.deadhub", () -> DEAD_PROVIDER);
    }

    protected static StackEndpoints endpoints() {
        return LocalStackExtension.endpoints();
    }

    /** The DynamoDB table a read model lives in now (a blue-green rebuild in another test may have moved it). */
    protected String liveTable(String model) {
        return ((TableReadModel) readModels.named(model).orElseThrow()).table().name();
    }

    /** A graph label of the live generation, e.g. {@code Asset} or {@code Asset_g2}. */
    protected String liveLabel(String label) {
        return label + GraphSchema.labelSuffix(readModels.named("assets-neo4j").orElseThrow().generation());
    }

    /** The Redis counts hash of a tenant and kind in a count read model's live generation. */
    protected String liveCounts(String model, String tenant, String kind) {
        return CountKeys.counts(CountKeys.prefix(readModels.named(model).orElseThrow().generation()), tenant, kind);
    }

    /** A fresh tenant with its own admin key, so tests never see each other's data. */
    protected ChariotClient newTenant() {
        String tenant = "t-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        return clientFor(tenant);
    }

    protected ChariotClient clientFor(String tenant) {
        String keyId = UUID.randomUUID().toString();
        String secret = SecretHash.newSecret();
        commands.sendAndWait(new IssueApiKey(keyId, tenant, "test", SecretHash.of(secret), "admin", null, "test"));
        return new ChariotClient("http://127.0.0.1:" + port, tenant, keyId, secret);
    }
}
