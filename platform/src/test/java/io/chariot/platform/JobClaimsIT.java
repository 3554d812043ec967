package io.chariot.platform;

import io.chariot.job.slots.TenantSlots;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Workers competing for jobs: one claim per job (the job aggregate's guard), and per-tenant caps on running jobs
 * (a Redisson permit semaphore per tenant in the stack's Redis) released when a run ends by result or deadline.
 */
class JobClaimsIT extends PlatformIntegrationTest {

    private static final String ASSET = "#asset#claims.example#10.1.1.1";

    @Autowired
    TenantSlots slots;

    private static ChariotClient.Response ok(ChariotClient.Response r) {
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r;
    }

    /** Runs the calls at once (released together) and returns their answers. */
    private static List<ChariotClient.Response> race(List<Callable<ChariotClient.Response>> calls) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(calls.size());
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<ChariotClient.Response>> futures = new ArrayList<>();
            for (Callable<ChariotClient.Response> call : calls) {
                futures.add(pool.submit(() -> {
                    go.await();
                    return call.call();
                }));
            }
            go.countDown();
            List<ChariotClient.Response> out = new ArrayList<>();
            for (Future<ChariotClient.Response> f : futures) {
                out.add(f.get());
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    private static void awaitQueued(ChariotClient cli, int count) {
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() ->
                assertThat(ok(cli.get("/my?key=status:JQ&label=job")).json().path("jobs").size()).isEqualTo(count));
    }

    @Test
    void workersRacingForOneJobGetItOnce() throws Exception {
        ChariotClient cli = newTenant();
        String job = "#job#claims.example#10.1.1.1#portscan";
        ok(cli.post("/job", "{\"key\":\"" + ASSET + "\",\"capabilities\":[\"portscan\"]}"));

        List<Callable<ChariotClient.Response>> claims = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String worker = "w-" + i;
            claims.add(() -> cli.post("/job/claim", "{\"key\":\"" + job + "\",\"worker\":\"" + worker + "\"}"));
        }
        List<Integer> statuses = race(claims).stream().map(ChariotClient.Response::status).toList();

        assertThat(statuses).filteredOn(s -> s == 200).hasSize(1);
        assertThat(statuses).filteredOn(s -> s == 409).hasSize(5);
        assertThat(slots.inUse(cli.tenant)).isEqualTo(1);
    }

    @Test
    void withACapOfThreeFourConcurrentClaimsGetThreeJobsUntilOneFinishes() throws Exception {
        ChariotClient cli = newTenant();
        slots.setCap(cli.tenant, 3);
        ok(cli.post("/job", "{\"key\":\"" + ASSET + "\",\"capabilities\":[\"subdomain\",\"portscan\",\"nuclei\","
                + "\"whois\"]}"));
        awaitQueued(cli, 4);

        List<Callable<ChariotClient.Response>> claims = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String worker = "w-" + i;
            claims.add(() -> cli.post("/job/claim", "{\"worker\":\"" + worker + "\"}"));
        }
        List<ChariotClient.Response> answers = race(claims);

        List<String> claimed = answers.stream().filter(r -> r.status() == 200)
                .map(r -> r.json().get("key").asText()).toList();
        assertThat(claimed).as(answers.toString()).hasSize(3).doesNotHaveDuplicates();
        ChariotClient.Response refused = answers.stream().filter(r -> r.status() != 200).findFirst().orElseThrow();
        assertThat(refused.status()).as(refused.body()).isEqualTo(429);
        assertThat(refused.json().get("detail").asText()).contains("cap");
        assertThat(slots.inUse(cli.tenant)).isEqualTo(3);
        assertThat(cli.post("/job/claim", "{}").status()).isEqualTo(429);

        // a finished run gives its permit back: the fourth job can be claimed now
        ok(cli.post("/job/result", "{\"key\":\"" + claimed.get(0) + "\",\"status\":\"JP\"}"));
        assertThat(slots.inUse(cli.tenant)).isEqualTo(2);
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
            var r = cli.post("/job/claim", "{\"worker\":\"w-4\"}");
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            assertThat(r.json().get("key").asText()).isNotIn(claimed);
        });
        assertThat(slots.inUse(cli.tenant)).isEqualTo(3);
    }

    @Test
    void aRunFailedByItsDeadlineGivesItsPermitBack() {
        ChariotClient cli = newTenant();
        slots.setCap(cli.tenant, 1);
        ok(cli.post("/job", "{\"key\":\"" + ASSET + "\",\"capabilities\":[\"portscan\"],"
                + "\"config\":{\"timeout_seconds\":1,\"retries\":0}}"));
        ok(cli.post("/job", "{\"key\":\"" + ASSET + "\",\"capabilities\":[\"whois\"]}"));
        ok(cli.post("/job/claim", "{\"key\":\"#job#claims.example#10.1.1.1#portscan\"}"));
        assertThat(cli.post("/job/claim", "{\"key\":\"#job#claims.example#10.1.1.1#whois\"}").status())
                .isEqualTo(429);

        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() ->
                assertThat(ok(cli.post("/job/claim", "{\"key\":\"#job#claims.example#10.1.1.1#whois\"}")).json()
                        .get("status").asText()).startsWith("JR#"));
    }
}
