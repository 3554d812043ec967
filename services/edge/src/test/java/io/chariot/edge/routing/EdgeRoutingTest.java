package io.chariot.edge.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The edge against real loopback HTTP servers, one (or two) per service. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class) // the test that stops a service's only instance goes last
class EdgeRoutingTest {

    private static final Map<String, Backend> BACKENDS = new LinkedHashMap<>();
    private static final Backend ASSET_2 = new Backend("asset-2");

    static {
        for (ChariotService s : ChariotService.values()) {
            BACKENDS.put(s.id(), new Backend(s.id()));
        }
    }

    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        BACKENDS.forEach((id, backend) -> registry.add("chariot.edge.services." + id, switch (id) {
            case "asset" -> () -> backend.url() + "," + ASSET_2.url();
            case "risk" -> () -> Backend.refusing() + "," + backend.url(); // the first instance is gone
            default -> backend::url;
        }));
    }

    @AfterAll
    static void stop() {
        BACKENDS.values().forEach(Backend::close);
        ASSET_2.close();
    }

    @Test
    void everyApiPathReachesTheServiceThatOwnsIt() throws Exception {
        String[][] cases = {
                {"GET", "/token", "account"}, {"POST", "/account/someone@example.com", "account"},
                {"DELETE", "/account/purge", "account"}, {"POST", "/key", "account"}, {"PUT", "/setting", "account"},
                {"PUT", "/configuration", "account"}, {"POST", "/hook/user/pin", "account"},
                {"GET", "/asset", "asset"}, {"PUT", "/attribute", "asset"}, {"PUT", "/seed", "asset"},
                {"POST", "/preseed", "asset"}, {"POST", "/webpage", "asset"}, {"PUT", "/webpage/link", "asset"},
                {"PUT", "/risk", "risk"}, {"POST", "/job", "job"}, {"POST", "/job/claim", "job"},
                {"GET", "/capabilities", "job"}, {"PUT", "/file", "file"}, {"GET", "/encrypted-file", "file"},
                {"GET", "/signed/file", "file"}, {"GET", "/admin/sagas", "sagas"},
                {"GET", "/explorer/operations/sagas", "sagas"}, {"POST", "/explorer/operations/sagas/x/retry", "sagas"},
                {"GET", "/admin/projections", "projections"}, {"POST", "/admin/projections/assets/rebuild", "projections"},
                {"GET", "/my", "query"}, {"GET", "/my/count", "query"}, {"GET", "/events/17/chain", "query"},
                {"GET", "/explorer", "query"}, {"GET", "/explorer/operations", "query"}};
        List<String> wrong = new ArrayList<>();
        for (String[] c : cases) {
            var answer = send(c[0], c[1], "{}", null);
            String instance = answer.headers().firstValue("X-Instance").orElse("none (" + answer.statusCode() + ")");
            if (!instance.startsWith(c[2])) {
                wrong.add(c[0] + " " + c[1] + " went to " + instance + ", not " + c[2]);
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void aRequestAndItsAnswerPassThroughUnchanged() throws Exception {
        var query = BACKENDS.get("query");
        var answer = send("POST", "/my?offset=abc%3D%3D&global=true", "{\"node\":{\"labels\":[\"Asset\"]}}",
                "Bearer some.jwt.token", "X-Answer-Status", "207");

        assertThat(answer.statusCode()).isEqualTo(207);
        assertThat(answer.body()).isEqualTo("{\"instance\":\"query\"}");
        assertThat(query.seen).contains(new Backend.Seen("POST", "/my?offset=abc%3D%3D&global=true",
                "Bearer some.jwt.token", "{\"node\":{\"labels\":[\"Asset\"]}}"));
    }

    @Test
    void aServicesOwnErrorReachesTheClientAsItWasAndIsNotRetried() throws Exception {
        var job = BACKENDS.get("job");
        int before = job.seen.size();

        var answer = send("POST", "/job", "{}", null, "X-Answer-Status", "500");

        assertThat(answer.statusCode()).isEqualTo(500);
        assertThat(job.seen).hasSize(before + 1);
    }

    @Test
    void twoInstancesOfAServiceShareItsRequests() throws Exception {
        var first = BACKENDS.get("asset");
        int firstBefore = first.seen.size();
        int secondBefore = ASSET_2.seen.size();

        for (int i = 0; i < 10; i++) {
            assertThat(send("PUT", "/asset", "{\"dns\":\"example.com\"}", null).statusCode()).isEqualTo(200);
        }

        assertThat(first.seen.size() - firstBefore).isPositive();
        assertThat(ASSET_2.seen.size() - secondBefore).isPositive();
        assertThat(first.seen.size() - firstBefore + ASSET_2.seen.size() - secondBefore).isEqualTo(10);
    }

    @Test
    void anInstanceThatIsGoneIsSteppedAroundEvenForWrites() throws Exception {
        var risk = BACKENDS.get("risk");
        int before = risk.seen.size();

        for (int i = 0; i < 6; i++) {
            var answer = send("PUT", "/risk", "{\"key\":\"#asset#a#b\",\"name\":\"r" + i + "\"}", null);
            assertThat(answer.statusCode()).isEqualTo(200);
        }

        assertThat(risk.seen.subList(before, risk.seen.size())).extracting(Backend.Seen::body)
                .containsExactly("{\"key\":\"#asset#a#b\",\"name\":\"r0\"}", "{\"key\":\"#asset#a#b\",\"name\":\"r1\"}",
                        "{\"key\":\"#asset#a#b\",\"name\":\"r2\"}", "{\"key\":\"#asset#a#b\",\"name\":\"r3\"}",
                        "{\"key\":\"#asset#a#b\",\"name\":\"r4\"}", "{\"key\":\"#asset#a#b\",\"name\":\"r5\"}");
    }

    @Test
    void concurrentWritesAllStepAroundAGoneInstance() throws Exception {
        var risk = BACKENDS.get("risk");
        int before = risk.seen.size();
        var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 48; i++) {
                String body = "{\"key\":\"#asset#a#b\",\"name\":\"c" + i + "\"}";
                answers.add(pool.submit(() -> send("PUT", "/risk", body, null).statusCode()));
            }
            for (var answer : answers) {
                assertThat(answer.get()).isEqualTo(200);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(risk.seen.size() - before).isEqualTo(48);
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void aServiceWithNoInstanceLeftAnswersServiceUnavailableAsAProblem() throws Exception {
        BACKENDS.get("file").close();

        var answer = send("GET", "/file?name=x", null, null);

        assertThat(answer.statusCode()).isEqualTo(503);
        assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(answer.body()).contains("file service").doesNotContain("Exception").doesNotContain("at ");
    }

    @Test
    void aPathNoServiceOwnsIsNotFoundAsAProblem() throws Exception {
        var answer = send("GET", "/nothing/here", null, null);

        assertThat(answer.statusCode()).isEqualTo(404);
        assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    @Test
    void theEdgeAnswersItsOwnHealth() throws Exception {
        var answer = send("GET", "/actuator/health/readiness", null, null);

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).contains("UP");
    }

    private HttpResponse<String> send(String method, String path, String body, String authorization,
                                      String... headers) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
