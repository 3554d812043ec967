package io.chariot.infra.local;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Health probes that speak just enough of each server's protocol to tell that the real server answers, with no
 * client library: PostgreSQL's SSLRequest, Kafka's ApiVersions, DynamoDB's ListTables over HTTP, Bolt's handshake,
 * Redis's PING. TLS variants ({@code neo4j+s}, {@code rediss}, {@code https}) are checked as far as the transport
 * allows.
 */
public final class StackProbe {

    /** The outcome for one server. */
    public record Result(String server, String endpoint, boolean ok, String detail) {
        @Override
        public String toString() {
            return server + (ok ? " ok" : " DOWN") + " (" + endpoint + (detail == null ? "" : ": " + detail) + ")";
        }
    }

    private StackProbe() {
    }

    /** Probes all five servers; never throws. */
    public static List<Result> probeAll(StackEndpoints endpoints, Duration timeout) {
        List<Result> results = new ArrayList<>();
        results.add(run("postgres", endpoints.postgresJdbcUrl(), () -> postgres(endpoints.postgresJdbcUrl(), timeout)));
        results.add(run("kafka", endpoints.kafkaBootstrap(), () -> kafka(endpoints.kafkaBootstrap(), timeout)));
        results.add(run("dynamodb", endpoints.dynamodbEndpoint(), () -> dynamodb(endpoints.dynamodbEndpoint(), timeout)));
        results.add(run("neo4j", endpoints.neo4jUri(), () -> neo4j(endpoints.neo4jUri(), timeout)));
        results.add(run("redis", endpoints.redisUrl(), () -> redis(endpoints.redisUrl(), timeout)));
        return results;
    }

    /** Throws with one line naming every server that did not answer. */
    public static void requireAll(StackEndpoints endpoints, Duration timeout) throws IOException {
        List<Result> down = probeAll(endpoints, timeout).stream().filter(r -> !r.ok()).toList();
        if (!down.isEmpty()) {
            throw new IOException("unreachable: " + down.stream().map(Result::toString).collect(Collectors.joining(", ")));
        }
    }

    /** Probes one server by name ({@code postgres}, {@code kafka}, {@code dynamodb}, {@code neo4j}, {@code redis}). */
    public static void probe(String server, String endpoint, Duration timeout) throws IOException {
        switch (server) {
            case "postgres" -> postgres(endpoint, timeout);
            case "kafka" -> kafka(endpoint, timeout);
            case "dynamodb" -> dynamodb(endpoint, timeout);
            case "neo4j" -> neo4j(endpoint, timeout);
            case "redis" -> redis(endpoint, timeout);
            default -> throw new IllegalArgumentException("unknown server " + server);
        }
    }

    // ---------------------------------------------------------------------------------------------- PostgreSQL

    /** Sends an SSLRequest; a PostgreSQL server answers 'S' or 'N'. */
    public static void postgres(String jdbcUrl, Duration timeout) throws IOException {
        InetSocketAddress address = postgresAddress(jdbcUrl);
        try (Socket socket = connect(address, timeout)) {
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            out.writeInt(8);
            out.writeInt(80877103);
            out.flush();
            int answer = socket.getInputStream().read();
            if (answer != 'S' && answer != 'N') {
                throw new IOException("not a PostgreSQL server at " + address + " (answered " + answer + ")");
            }
        }
    }

    /** Host and port of the first host of a {@code jdbc:postgresql://host[:port][,host2...]/db?...} URL. */
    public static InetSocketAddress postgresAddress(String jdbcUrl) {
        String prefix = "jdbc:postgresql://";
        if (jdbcUrl == null || !jdbcUrl.startsWith(prefix)) {
            throw new IllegalArgumentException("not a jdbc:postgresql:// URL: " + jdbcUrl);
        }
        String rest = jdbcUrl.substring(prefix.length());
        int end = indexOfAny(rest, "/?");
        String hosts = end < 0 ? rest : rest.substring(0, end);
        String first = hosts.split(",")[0];
        return hostPort(first, 5432);
    }

    // ---------------------------------------------------------------------------------------------- Kafka

    /** Sends ApiVersions v0 to the first broker that accepts a connection; expects error code 0. */
    public static void kafka(String bootstrap, Duration timeout) throws IOException {
        if (bootstrap == null || bootstrap.isBlank()) {
            throw new IllegalArgumentException("no Kafka bootstrap servers");
        }
        IOException last = null;
        for (String server : bootstrap.split(",")) {
            String hostPort = server.trim().replaceFirst("^[A-Za-z_]+://", "");
            try {
                kafkaApiVersions(hostPort(hostPort, 9092), timeout);
                return;
            } catch (IOException e) {
                last = e;
            }
        }
        throw last;
    }

    private static void kafkaApiVersions(InetSocketAddress address, Duration timeout) throws IOException {
        byte[] clientId = "chariot-probe".getBytes(StandardCharsets.UTF_8);
        int correlationId = 0x0C4A7107;
        try (Socket socket = connect(address, timeout)) {
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            out.writeInt(2 + 2 + 4 + 2 + clientId.length);
            out.writeShort(18); // ApiVersions
            out.writeShort(0);  // version 0: no request body
            out.writeInt(correlationId);
            out.writeShort(clientId.length);
            out.write(clientId);
            out.flush();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            int size = in.readInt();
            if (size < 6 || size > 1 << 20) {
                throw new IOException("not a Kafka broker at " + address + " (response size " + size + ")");
            }
            int gotCorrelation = in.readInt();
            short error = in.readShort();
            if (gotCorrelation != correlationId) {
                throw new IOException("not a Kafka broker at " + address);
            }
            if (error != 0) {
                throw new IOException("Kafka broker at " + address + " answered error " + error);
            }
        }
    }

    // ---------------------------------------------------------------------------------------------- DynamoDB

    /**
     * POSTs ListTables with dummy credentials. 200 counts (DynamoDB Local accepts any signature); so does a 4xx with an
     * AWS request id (a real endpoint refusing the dummy credentials). A 5xx never does.
     */
    public static void dynamodb(String endpoint, Duration timeout) throws IOException {
        URI uri = URI.create(endpoint);
        HttpClient client = HttpClient.newBuilder().connectTimeout(timeout).version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Content-Type", "application/x-amz-json-1.0")
                .header("X-Amz-Target", "DynamoDB_20120810.ListTables")
                .header("X-Amz-Date", "20240101T000000Z")
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=chariot/20240101/us-east-1/dynamodb/aws4_request, "
                        + "SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=" + "0".repeat(64))
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build();
        HttpResponse<String> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        boolean aws = response.headers().firstValue("x-amzn-RequestId").isPresent()
                || response.headers().firstValue("x-amz-request-id").isPresent();
        int status = response.statusCode();
        if (status != 200 && !(aws && status >= 400 && status < 500)) {
            String body = response.body() == null ? "" : response.body();
            throw new IOException("DynamoDB at " + endpoint + " answered HTTP " + status + " "
                    + body.substring(0, Math.min(200, body.length())).replaceAll("\\s+", " "));
        }
    }

    // ---------------------------------------------------------------------------------------------- Neo4j

    /** Bolt handshake: magic 0x6060B017 and four proposed versions; any 4-byte answer is a Bolt server. */
    public static void neo4j(String boltUri, Duration timeout) throws IOException {
        URI uri = URI.create(boltUri);
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        InetSocketAddress address = new InetSocketAddress(uri.getHost(), uri.getPort() < 0 ? 7687 : uri.getPort());
        try (Socket socket = connect(address, timeout)) {
            if (scheme.endsWith("+s") || scheme.endsWith("+ssc")) {
                return; // TLS: the connection is as far as we go without a client library
            }
            OutputStream out = socket.getOutputStream();
            out.write(new byte[] {
                    0x60, 0x60, (byte) 0xB0, 0x17,
                    0, 8, 8, 5,  // 5.8 down to 5.0
                    0, 0, 4, 4,  // 4.4
                    0, 0, 0, 0,
                    0, 0, 0, 0});
            out.flush();
            byte[] answer = new DataInputStream(socket.getInputStream()).readNBytes(4);
            if (answer.length != 4) {
                throw new IOException("not a Bolt server at " + address);
            }
        }
    }

    // ---------------------------------------------------------------------------------------------- Redis

    /** PING; {@code +PONG} or an authentication error both prove a Redis server. */
    public static void redis(String redisUrl, Duration timeout) throws IOException {
        URI uri = URI.create(redisUrl);
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        InetSocketAddress address = new InetSocketAddress(uri.getHost(), uri.getPort() < 0 ? 6379 : uri.getPort());
        try (Socket socket = connect(address, timeout)) {
            if (scheme.equals("rediss")) {
                return;
            }
            OutputStream out = socket.getOutputStream();
            out.write("*1\r\n$4\r\nPING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String line = readLine(socket.getInputStream());
            if (!line.startsWith("+PONG") && !line.startsWith("-NOAUTH") && !line.startsWith("-WRONGPASS")) {
                throw new IOException("not a Redis server at " + address + " (answered '" + line + "')");
            }
        }
    }

    // ---------------------------------------------------------------------------------------------- helpers

    private interface Check {
        void run() throws Exception;
    }

    private static Result run(String server, String endpoint, Check check) {
        if (endpoint == null || endpoint.isBlank()) {
            return new Result(server, "-", false, "no endpoint");
        }
        try {
            check.run();
            return new Result(server, endpoint, true, null);
        } catch (Exception e) {
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return new Result(server, endpoint, false, message);
        }
    }

    private static Socket connect(InetSocketAddress address, Duration timeout) throws IOException {
        Socket socket = new Socket();
        try {
            int millis = (int) Math.max(1, timeout.toMillis());
            socket.connect(address, millis);
            socket.setSoTimeout(millis);
            return socket;
        } catch (IOException e) {
            socket.close();
            throw new IOException(address.getHostString() + ":" + address.getPort() + ": " + e.getMessage(), e);
        }
    }

    static InetSocketAddress hostPort(String hostPort, int defaultPort) {
        String value = hostPort.trim();
        if (value.startsWith("[")) { // [ipv6]:port
            int close = value.indexOf(']');
            String host = value.substring(1, close);
            String port = value.substring(close + 1);
            return new InetSocketAddress(host, port.startsWith(":") ? Integer.parseInt(port.substring(1)) : defaultPort);
        }
        int colon = value.lastIndexOf(':');
        if (colon < 0) {
            return new InetSocketAddress(value, defaultPort);
        }
        return new InetSocketAddress(value.substring(0, colon), Integer.parseInt(value.substring(colon + 1)));
    }

    private static int indexOfAny(String value, String chars) {
        for (int i = 0; i < value.length(); i++) {
            if (chars.indexOf(value.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0 && c != '\n' && line.length() < 512) {
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }
}
