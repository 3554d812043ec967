package io.chariot.job.claiming;

import io.chariot.api.job.JobCommands.ClaimJob;
import io.chariot.api.job.JobCommands.JobState;
import io.chariot.api.job.JobQueries.FindQueuedJobs;
import io.chariot.api.job.JobQueries.QueuedJobs;
import io.chariot.api.rejection.Rejected;
import io.chariot.job.slots.TenantSlots;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.queryhandling.DefaultQueryGateway;
import org.axonframework.queryhandling.SimpleQueryBus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;
import redis.embedded.RedisServer;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The claim use case against a real Redis (the tenant caps) and Axon's own gateways; the aggregate and the read model
 * behind them are stood in by handlers that answer as they would.
 */
class ClaimingJobTest {

    private static final String TENANT = "acme@example.com";
    private static final String OLDEST = "#job#example.com#1.2.3.4#portscan";
    private static final String NEXT = "#job#example.com#1.2.3.4#nuclei";
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    private static RedisServer server;
    private static RedissonClient redis;

    private final List<String> queued = new ArrayList<>();
    private final List<FindQueuedJobs> asked = new CopyOnWriteArrayList<>();
    private final List<ClaimJob> sent = new CopyOnWriteArrayList<>();
    /** The jobs another worker claimed first: the aggregate refuses them as a conflict. */
    private final Set<String> taken = new java.util.HashSet<>();
    private TenantSlots slots;
    private ClaimingJob claiming;

    @BeforeAll
    static void startRedis() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        server = RedisServer.newRedisServer().bind("127.0.0.1").port(port).setting("save \"\"")
                .setting("appendonly no").build();
        server.start();
        Config config = new Config();
        config.useSingleServer().setAddress("redis://127.0.0.1:" + port);
        redis = Redisson.create(config);
    }

    @AfterAll
    static void stopRedis() throws IOException {
        if (redis != null) {
            redis.shutdown();
        }
        if (server != null) {
            server.stop();
        }
    }

    @BeforeEach
    void setUp() {
        redis.getKeys().flushall();
        slots = new TenantSlots(redis, 1, Map.of(), Duration.ofSeconds(30), Duration.ofSeconds(30));
        SimpleCommandBus commandBus = SimpleCommandBus.builder().build();
        commandBus.subscribe(ClaimJob.class.getName(), (CommandMessage<?> message) -> {
            ClaimJob claim = (ClaimJob) message.getPayload();
            sent.add(claim);
            if (taken.contains(claim.key())) {
                throw Rejected.conflict("job " + claim.key() + " is not queued");
            }
            return running(claim.key(), claim.worker());
        });
        SimpleQueryBus queryBus = SimpleQueryBus.builder().build();
        queryBus.subscribe(FindQueuedJobs.class.getName(), QueuedJobs.class, message -> {
            asked.add((FindQueuedJobs) message.getPayload());
            return new QueuedJobs(List.copyOf(queued));
        });
        claiming = new ClaimingJob(DefaultCommandGateway.builder().commandBus(commandBus).build(),
                DefaultQueryGateway.builder().queryBus(queryBus).build(), slots);
    }

    private static ClaimingJob.Claim oldest(String... capabilities) {
        return new ClaimingJob.Claim(TENANT, "worker@example.com", "w-1", null, List.of(capabilities));
    }

    @Test
    void aWorkerClaimsTheOldestQueuedJobOfItsCapabilitiesAndTheJobHoldsOneOfTheTenantsPermits() {
        queued.addAll(List.of(OLDEST, NEXT));

        assertThat(claiming.claim(oldest("portscan"))).get().extracting(JobState::key, JobState::worker)
                .containsExactly(OLDEST, "w-1");
        assertThat(asked).containsExactly(new FindQueuedJobs(TENANT, List.of("portscan"), ClaimingJob.CANDIDATES));
        assertThat(sent).extracting(ClaimJob::key, ClaimJob::tenant, ClaimJob::by)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(OLDEST, TENANT, "worker@example.com"));
        assertThat(slots.inUse(TENANT)).isEqualTo(1);
    }

    @Test
    void aJobAnotherWorkerClaimedMeanwhileIsPassedOverForTheNextCandidate() {
        queued.addAll(List.of(OLDEST, NEXT));
        taken.add(OLDEST);

        assertThat(claiming.claim(oldest())).get().extracting(JobState::key).isEqualTo(NEXT);
        assertThat(sent).extracting(ClaimJob::key).containsExactly(OLDEST, NEXT);
        assertThat(slots.inUse(TENANT)).isEqualTo(1);
    }

    @Test
    void whenEveryCandidateWasClaimedMeanwhileTheConflictIsTheAnswerAndThePermitGoesBack() {
        queued.addAll(List.of(OLDEST, NEXT));
        taken.addAll(List.of(OLDEST, NEXT));

        assertThatThrownBy(() -> claiming.claim(oldest())).isInstanceOf(Rejected.class)
                .hasMessage("job " + NEXT + " is not queued");
        assertThat(slots.inUse(TENANT)).isZero();
    }

    @Test
    void nothingQueuedClaimsNothingAndGivesThePermitBack() {
        assertThat(claiming.claim(oldest())).isEmpty();
        assertThat(sent).isEmpty();
        assertThat(slots.inUse(TENANT)).isZero();
    }

    @Test
    void aNamedJobIsClaimedWithoutAskingTheReadModel() {
        var named = new ClaimingJob.Claim(TENANT, "worker@example.com", "w-1", NEXT, List.of());

        assertThat(claiming.claim(named)).get().extracting(JobState::key).isEqualTo(NEXT);
        assertThat(asked).isEmpty();
    }

    @Test
    void aTenantRunningAsManyJobsAsItsCapIsRefusedBeforeAnyJobIsClaimed() {
        queued.addAll(List.of(OLDEST, NEXT));
        claiming.claim(oldest());
        sent.clear();

        assertThatThrownBy(() -> claiming.claim(oldest())).isInstanceOf(ClaimingJob.TenantAtCap.class)
                .hasMessage(TENANT + " already runs 1 job (its cap): claim again when one finishes");
        assertThat(sent).isEmpty();
    }

    @Test
    void aFinishedJobsPermitLetsTheNextClaimThrough() {
        queued.addAll(List.of(OLDEST, NEXT));
        claiming.claim(oldest());
        slots.release(TENANT, OLDEST);
        queued.remove(OLDEST);

        assertThat(claiming.claim(oldest())).get().extracting(JobState::key).isEqualTo(NEXT);
    }

    private static JobState running(String key, String worker) {
        return new JobState(key, "example.com", "1.2.3.4", "portscan", "#asset#example.com#1.2.3.4", "JR", NOW, NOW,
                NOW, null, Map.of(), List.of(), 0, worker, null, null, null, NOW.plusSeconds(60));
    }
}
