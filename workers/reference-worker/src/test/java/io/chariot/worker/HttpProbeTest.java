package io.chariot.worker;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The HTTP probe against a real HTTP server on loopback. */
class HttpProbeTest {

    private static final String ASSET = "#asset#probe.test#127.0.0.1";
    private HttpServer server;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = ("<html><head><title>Index of /</title></head><body><h1>Index of /</h1>"
                    + "<a href=\"backup.tar.gz\">backup.tar.gz</a></body></html>").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Server", "Apache/2.4.62 (Unix)");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private List<ObjectNode> probe(Map<String, String> config) throws Exception {
        List<String> lines = new ArrayList<>();
        List<ObjectNode> items = new HttpProbe(Duration.ofSeconds(5))
                .run(new ClaimedJob("#job#probe.test#127.0.0.1#http-probe", "http-probe", ASSET, config), lines::add);
        assertThat(lines).anyMatch(l -> l.startsWith("GET http://127.0.0.1:"));
        return items;
    }

    private static String value(List<ObjectNode> items, String attribute) {
        return items.stream().filter(i -> i.path("type").asText().equals("attribute")
                        && i.path("model").path("name").asText().equals(attribute))
                .map(i -> i.path("model").path("value").asText()).findFirst().orElse(null);
    }

    @Test
    void aDirectoryListingRecordsStatusServerAndTitleAndRaisesARisk() throws Exception {
        int port = server.getAddress().getPort();
        List<ObjectNode> items = probe(Map.of("port", String.valueOf(port)));

        assertThat(value(items, "http_status")).isEqualTo("200");
        assertThat(value(items, "http_server")).isEqualTo("Apache/2.4.62 (Unix)");
        assertThat(value(items, "http_title")).isEqualTo("Index of /");
        assertThat(items).anySatisfy(i -> {
            assertThat(i.path("type").asText()).isEqualTo("port");
            assertThat(i.path("model").path("port").asInt()).isEqualTo(port);
        });
        assertThat(items).anySatisfy(i -> {
            assertThat(i.path("type").asText()).isEqualTo("risk");
            assertThat(i.path("model").path("name").asText()).isEqualTo("directory-listing");
            assertThat(i.path("model").path("target").asText()).isEqualTo(ASSET);
        });
    }

    @Test
    void anOrdinaryPageRaisesNoRisk() throws Exception {
        server.removeContext("/");
        server.createContext("/", exchange -> {
            byte[] body = "<html><head><title>\n  Welcome &amp; hello </title></head></html>".getBytes();
            exchange.sendResponseHeaders(404, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        List<ObjectNode> items = probe(Map.of("url", "http://127.0.0.1:" + server.getAddress().getPort() + "/"));

        assertThat(value(items, "http_status")).isEqualTo("404");
        assertThat(value(items, "http_title")).isEqualTo("Welcome & hello");
        assertThat(value(items, "http_server")).isNull();
        assertThat(items).noneMatch(i -> i.path("type").asText().equals("risk"));
    }

    @Test
    void nothingListeningFailsTheRun() {
        int port = server.getAddress().getPort();
        server.stop(0);
        assertThatThrownBy(() -> probe(Map.of("port", String.valueOf(port)))).isInstanceOf(Exception.class);
    }

    @Test
    void durationsReadAsPeopleWriteThem() {
        var c = new WorkerCli.DurationConverter();
        assertThat(c.convert("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(c.convert("2s")).isEqualTo(Duration.ofSeconds(2));
        assertThat(c.convert("1m")).isEqualTo(Duration.ofMinutes(1));
        assertThat(c.convert("PT3S")).isEqualTo(Duration.ofSeconds(3));
    }
}
