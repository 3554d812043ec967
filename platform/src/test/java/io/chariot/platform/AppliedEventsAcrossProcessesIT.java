package io.chariot.platform;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.chariot.consistency.ConsistencyAutoConfiguration;
import io.chariot.consistency.ConsistencyProperties;
import io.chariot.consistency.applied.AppliedEvents;
import io.chariot.consistency.applied.LocalAppliedEvents;
import io.chariot.consistency.applied.NotVisibleException;
import io.chariot.consistency.applied.RedisAppliedEvents;
import io.chariot.projections.ReadStoreConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import org.redisson.config.Config;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Read-your-writes when the projections run in another process ({@code chariot.consistency.applied-events=redis}):
 * two {@link RedisAppliedEvents}, each with its own Redis connection as two processes would have, on the real Redis
 * of the local stack. What one process's read models report settles the other's waiting writes.
 */
@Order(30)
class AppliedEventsAcrossProcessesIT extends PlatformIntegrationTest {

    @Autowired
    ReadStoreConfiguration.Redis redisSettings;

    private RedissonClient commandSideRedis;
    private RedissonClient projectionSideRedis;
    private RedisAppliedEvents commandSide;
    private RedisAppliedEvents projectionSide;
    private final String aggregate = "tenant@example.com#asset#" + UUID.randomUUID();

    @BeforeEach
    void twoProcesses() {
        commandSideRedis = client();
        projectionSideRedis = client();
        commandSide = new RedisAppliedEvents(local(), commandSideRedis, new ObjectMapper());
        projectionSide = new RedisAppliedEvents(local(), projectionSideRedis, new ObjectMapper());
        // Both listen before the test reports anything (a subscription is made asynchronously).
        await().atMost(Duration.ofSeconds(10)).until(() -> subscribers() >= 2);
    }

    @AfterEach
    void stop() {
        commandSide.close();
        projectionSide.close();
        for (RedissonClient redis : new RedissonClient[]{commandSideRedis, projectionSideRedis}) {
            if (!redis.isShutdown()) {
                redis.shutdown();
            }
        }
    }

    @Test
    void aWriteWaitingInOneProcessIsSettledByTheReadModelReportOfAnother() throws Exception {
        CompletableFuture<Void> waiting = commandSide.visible("assets-dynamodb", aggregate, 3);

        projectionSide.applied("assets-dynamodb", aggregate, 2);
        projectionSide.applied("assets-neo4j", aggregate, 3);
        assertThat(waiting).as("neither the right read model nor far enough yet").isNotDone();

        projectionSide.applied("assets-dynamodb", aggregate, 3);
        waiting.get(10, TimeUnit.SECONDS);
    }

    @Test
    void anEventParkedInTheProjectionProcessEndsTheWaitInTheCommandProcessAtOnce() {
        CompletableFuture<Void> waiting = commandSide.visible("assets-neo4j", aggregate, 1);

        projectionSide.parked("assets-neo4j", aggregate, 1);

        assertThatThrownBy(() -> waiting.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(NotVisibleException.class);
    }

    @Test
    void aStoreFailingInTheProjectionProcessEndsTheWaitsInTheCommandProcessUntilItRecovers() throws Exception {
        projectionSide.failing("assets-redis", "Redis is loading");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThatThrownBy(() -> commandSide.visible("assets-redis", aggregate, 1).get(1, TimeUnit.SECONDS))
                        .hasCauseInstanceOf(NotVisibleException.class));

        projectionSide.recovered("assets-redis");
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> {
            CompletableFuture<Void> waiting = commandSide.visible("assets-redis", aggregate, 1);
            projectionSide.applied("assets-redis", aggregate, 1);
            waiting.get(1, TimeUnit.SECONDS);
            return true;
        });
    }

    @Test
    void aProcessSeesItsOwnReportsWithoutRedis() throws Exception {
        projectionSideRedis.shutdown(); // its Redis connection is gone: its own view still works

        CompletableFuture<Void> waiting = projectionSide.visible("assets-dynamodb", aggregate, 1);
        projectionSide.applied("assets-dynamodb", aggregate, 1);

        waiting.get(1, TimeUnit.SECONDS);
    }

    @Test
    void theRedisSettingGivesTheApplicationTheReportsOfEveryProcessAndNoSettingKeepsThemLocal() {
        var runner = new ApplicationContextRunner()
                .withUserConfiguration(ConsistencyAutoConfiguration.AcrossProcesses.class)
                .withBean(ConsistencyProperties.class, () -> new ConsistencyProperties(null, null, null, null, null,
                        null, null))
                .withBean(RedissonClient.class, () -> commandSideRedis);
        runner.withPropertyValues("chariot.consistency.applied-events=redis").run(context ->
                assertThat(context).getBean(AppliedEvents.class).isInstanceOf(RedisAppliedEvents.class));
        runner.run(context -> assertThat(context).doesNotHaveBean(AppliedEvents.class));
    }

    private RedissonClient client() {
        Config config = new Config();
        config.setCodec(StringCodec.INSTANCE);
        config.useSingleServer().setAddress(redisSettings.url());
        return Redisson.create(config);
    }

    private static LocalAppliedEvents local() {
        return new LocalAppliedEvents(1_000, Duration.ofMinutes(2));
    }

    private long subscribers() {
        return commandSideRedis.getTopic(RedisAppliedEvents.TOPIC, StringCodec.INSTANCE).countSubscribers();
    }
}
