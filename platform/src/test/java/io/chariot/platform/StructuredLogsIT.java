package io.chariot.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The console log is ECS JSON with trace and span ids and the tenant, and no credential ever reaches it: not an API
 * key secret, a JWT, a webhook pin or an integration's credentials, whatever the request carries them in, with our
 * own code logging at DEBUG.
 */
@ExtendWith(OutputCaptureExtension.class)
class StructuredLogsIT extends PlatformIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Our own code logs everything it can; the frameworks log at their shipped levels (see docs/operations.md). */
    private static final List<String> VERBOSE = List.of("io.chariot");

    @Autowired
    LoggingSystem logging;
    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void verbose() {
        VERBOSE.forEach(logger -> logging.setLogLevel(logger, LogLevel.DEBUG));
    }

    @AfterEach
    void quiet() {
        VERBOSE.forEach(logger -> logging.setLogLevel(logger, null));
    }

    @Test
    void noCredentialReachesALogLineWhateverTheRequestCarriesItIn(CapturedOutput output) throws Exception {
        ChariotClient cli = newTenant();
        String secret = cli.keySecret();
        String jwt = cli.token().json().get("token").asText();
        String pin = "pin-" + UUID.randomUUID();
        String credential = "ghp_" + UUID.randomUUID().toString().replace("-", "");
        String hook = "/hook/" + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(cli.tenant.getBytes(StandardCharsets.UTF_8)) + "/" + pin;

        // The ordinary uses of each credential, then the broken ones.
        assertThat(cli.post("/account/hook", "{\"config\":{},\"value\":\"" + pin + "\"}").status()).isEqualTo(200);
        assertThat(cli.post("/account/GitHub", "{\"config\":{\"org\":\"acme\",\"token\":\"" + credential
                + "\"},\"value\":\"acme\"}").status()).isEqualTo(200);
        // 200, or 503 stored-not-yet-visible on a slow machine: stored either way (awaited below).
        assertThat(cli.unauthenticated("POST", hook, "{\"dns\":\"logs.example\",\"name\":\"10.9.0.1\"}").status())
                .isIn(200, 503);
        cli.unauthenticated("POST", hook, "{\"dns\":\"logs.example\""); // broken JSON
        cli.unauthenticated("POST", hook + "x", "{}"); // wrong pin
        cli.post("/account/GitHub", "{\"config\":{\"token\":\"" + credential + "\"},\"value\":" + credential + "}");
        send("GET", "/token", null, Map.of("X-GUARD-API-KEY-ID", UUID.randomUUID().toString(),
                "X-GUARD-API-KEY-SECRET", secret));
        send("GET", "/my?key=%23asset", null, Map.of("Authorization", "Bearer " + jwt + "x"));
        send("GET", "/my?key=" + secret, null, Map.of("Authorization", jwt));

        // Every endpoint, each credential in headers, the query and the body (the pin in the webhook's path).
        // (The pin is no member an endpoint reads as a value: an integration's value is its identifier, logged as such.)
        String body = "{\"key\":\"" + secret + "\",\"pin\":\"" + pin + "\",\"config\":{\"token\":\"" + credential
                + "\"},\"jwt\":\"" + jwt + "\"";
        for (var mapping : apiEndpoints()) {
            if (mapping.path().equals("/account/purge")) {
                // it reads no credential, and would purge the tenant whose hook asset is awaited below
                continue;
            }
            String path = (mapping.path().startsWith("/hook/") ? hook : mapping.path().replaceAll("\\{[^}]+}", "x"))
                    + "?secret=" + secret + "&token=" + jwt + "&pin=" + pin + "&credential=" + credential;
            send(mapping.method(), path, body + "}", Map.of("Authorization", "Bearer " + jwt,
                    "X-GUARD-API-KEY-SECRET", secret, "X-Integration-Token", credential));
            send(mapping.method(), path, body, Map.of("Authorization", "Bearer " + jwt)); // broken JSON
        }

        // Projections and the integration's processors log asynchronously: wait until they applied the hook's asset.
        await().atMost(Duration.ofSeconds(30)).until(() -> cli.my("#asset#logs.example").body()
                .contains("10.9.0.1"));
        String logged = output.getAll();
        assertThat(logged).as("API key secret").doesNotContain(secret);
        assertThat(logged).as("JWT").doesNotContain(jwt).doesNotContain(jwt.substring(jwt.lastIndexOf('.') + 1));
        assertThat(logged).as("webhook pin").doesNotContain(pin);
        assertThat(logged).as("integration credential").doesNotContain(credential);
    }

    @Test
    void everyLineIsEcsJsonAndARequestsLinesCarryItsTraceSpanAndTenant(CapturedOutput output) throws Exception {
        ChariotClient cli = newTenant();
        String jwt = cli.token().json().get("token").asText();
        String traceId = UUID.randomUUID().toString().replace("-", "");
        var response = send("PUT", "/asset", "{\"group\":\"ecs.example\",\"identifier\":\"ecs.example\"}",
                Map.of("Authorization", "Bearer " + jwt, "traceparent", "00-" + traceId + "-00f067aa0ba902b7-01"));
        assertThat(response.statusCode()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<JsonNode> lines = jsonLines(output.getOut());
            List<JsonNode> ours = lines.stream().filter(l -> traceId.equals(l.at("/trace/id").asText())).toList();
            assertThat(ours).as("lines of trace %s", traceId).isNotEmpty()
                    .allSatisfy(l -> assertThat(l.at("/span/id").asText()).hasSize(16))
                    .anySatisfy(l -> assertThat(l.path("tenant").asText()).isEqualTo(cli.tenant));
        });
        // Every line on the console is one ECS document; the only other line is ./chariot up's "Chariot ready on",
        // printed once outside logging (captured here when this class starts the shared application context).
        for (String line : output.getOut().split("\n")) {
            if (!line.isBlank() && !line.startsWith("Chariot ready on ")) {
                JsonNode json = JSON.readTree(line);
                assertThat(json.path("ecs").path("version").asText()).as(line).isNotEmpty();
                assertThat(json.has("@timestamp") && json.at("/log/level").isTextual() && json.has("message"))
                        .as(line).isTrue();
                assertThat(json.has("traceId") || json.has("spanId")).as("MDC duplicates: " + line).isFalse();
            }
        }
    }

    private static List<JsonNode> jsonLines(String out) {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : out.split("\n")) {
            try {
                lines.add(JSON.readTree(line));
            } catch (Exception notJson) {
                // asserted by the test that wants every line to be JSON
            }
        }
        return lines;
    }

    private record Endpoint(String method, String path) {
    }

    private List<Endpoint> apiEndpoints() {
        List<Endpoint> all = new ArrayList<>();
        for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
            var patterns = info.getPathPatternsCondition();
            if (patterns == null) {
                continue;
            }
            var methods = info.getMethodsCondition().getMethods();
            for (String path : patterns.getPatternValues()) {
                if (methods.isEmpty()) {
                    all.add(new Endpoint("GET", path));
                    all.add(new Endpoint("POST", path));
                }
                methods.forEach(m -> all.add(new Endpoint(m.name(), path)));
            }
        }
        return all.stream().filter(Objects::nonNull).distinct().toList();
    }

    private HttpResponse<String> send(String method, String path, String body, Map<String, String> headers)
            throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
