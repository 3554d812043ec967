package io.chariot.sagas.onboarding;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The HTTP provider against a real HTTP server on loopback: what it sends, and how each answer reads. */
class HttpProviderTest {

    private HttpServer server;
    private final List<String> bodies = new CopyOnWriteArrayList<>();
    private volatile int status = 200;
    private volatile String seeds = "{\"seeds\":[{\"dns\":\"acme.example\"},"
            + "{\"dns\":\"acme.example\",\"name\":\"www.acme.example\",\"status\":\"A\"}]}";
    private final Provider.Integration integration = new Provider.Integration("github", "acme",
            "{\"org\":\"acme\",\"token\":\"********\",\"aws\":{\"secret\":\"********\"}}",
            "{\"/token\":\"ghp_secret\",\"/aws/secret\":\"aws_secret\"}");

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/github/", exchange -> {
            bodies.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath() + " "
                    + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] answer = (exchange.getRequestURI().getPath().endsWith("/seeds") ? seeds : "{}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private HttpProvider provider(URI base) {
        return new HttpProvider(new ObjectMapper(), new OnboardingProperties(Map.of("github", base), null, null,
                Duration.ofSeconds(5), null));
    }

    private HttpProvider provider() {
        return provider(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/github/"));
    }

    @Test
    void theProviderIsAskedWithTheIntegrationItsConfigAndItsCredentialsAndItsSeedsAreRead() {
        provider().verify(integration);
        List<Provider.Seed> read = provider().seeds(integration);

        assertThat(read).containsExactly(new Provider.Seed("acme.example", null, null),
                new Provider.Seed("acme.example", "www.acme.example", "A"));
        // the credentials in the config's shape, beside the redacted config
        String sent = "{\"integration\":\"github\",\"value\":\"acme\",\"config\":{\"org\":\"acme\","
                + "\"token\":\"********\",\"aws\":{\"secret\":\"********\"}},"
                + "\"credentials\":{\"token\":\"ghp_secret\",\"aws\":{\"secret\":\"aws_secret\"}}}";
        assertThat(bodies).containsExactly("POST /github/verify " + sent, "POST /github/seeds " + sent);
    }

    @Test
    void refusedCredentialsAndFailingAnswersAreProviderFailuresThatNameNoCredential() {
        status = 401;
        assertThatThrownBy(() -> provider().verify(integration)).isInstanceOf(Provider.ProviderException.class)
                .hasMessage("the provider refused the credentials (HTTP 401)");
        status = 503;
        assertThatThrownBy(() -> provider().verify(integration))
                .hasMessage("the provider answered HTTP 503 to verify");
        assertThatThrownBy(() -> provider().seeds(integration))
                .hasMessage("the provider answered HTTP 503 to seeds").hasMessageNotContaining("ghp_secret");
        status = 200;
        seeds = "{\"seeds\":[{\"name\":\"no-dns\"}]}";
        assertThatThrownBy(() -> provider().seeds(integration)).hasMessage("the provider named a seed without dns");
        seeds = "not json";
        assertThatThrownBy(() -> provider().seeds(integration)).hasMessage("the provider's seeds answer is not JSON");
    }

    @Test
    void aProviderThatIsDownIsAFailureThatSaysSo() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        URI down = URI.create("http://127.0.0.1:" + closed);
        assertThatThrownBy(() -> provider(down).verify(integration)).isInstanceOf(Provider.ProviderException.class)
                .hasMessage("the provider at " + down + " did not answer verify (ConnectException)")
                .hasNoCause();
    }
}
