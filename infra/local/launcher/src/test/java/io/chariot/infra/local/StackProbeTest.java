package io.chariot.infra.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackProbeTest {

    @Test
    void aClosedPortIsReportedDownWithoutThrowing() throws IOException {
        int port = closedPort();
        StackEndpoints nothing = new StackEndpoints("jdbc:postgresql://127.0.0.1:" + port + "/chariot", "postgres",
                "postgres", "127.0.0.1:" + port, "http://127.0.0.1:" + port, "bolt://127.0.0.1:" + port,
                "redis://127.0.0.1:" + port);

        List<StackProbe.Result> results = StackProbe.probeAll(nothing, Duration.ofSeconds(2));

        assertThat(results).extracting(StackProbe.Result::server)
                .containsExactly("postgres", "kafka", "dynamodb", "neo4j", "redis");
        assertThat(results).noneMatch(StackProbe.Result::ok);
    }

    @Test
    void postgresUrlsAreReducedToTheFirstHost() {
        assertThat(StackProbe.postgresAddress("jdbc:postgresql://db.example:6543,other:1/chariot?ssl=true"))
                .satisfies(a -> {
                    assertThat(a.getHostString()).isEqualTo("db.example");
                    assertThat(a.getPort()).isEqualTo(6543);
                });
        assertThat(StackProbe.postgresAddress("jdbc:postgresql://localhost/chariot").getPort()).isEqualTo(5432);
        assertThatThrownBy(() -> StackProbe.postgresAddress("jdbc:mysql://x/y"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void allFiveVariablesMeanAnExternalStackThatIsOnlyChecked(@TempDir Path dir) throws IOException {
        int port = closedPort();
        Map<String, String> env = Map.of(
                "CHARIOT_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:" + port + "/chariot",
                "CHARIOT_KAFKA_BOOTSTRAP", "127.0.0.1:" + port,
                "CHARIOT_DYNAMODB_ENDPOINT", "http://127.0.0.1:" + port,
                "CHARIOT_NEO4J_URI", "bolt://127.0.0.1:" + port,
                "CHARIOT_REDIS_URL", "redis://127.0.0.1:" + port);

        assertThatThrownBy(() -> LocalStack.start(LocalStack.Options.in(dir).withEnvironment(env)))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("external stack (CHARIOT_* variables): unreachable: postgres DOWN");
        assertThat(dir).isEmptyDirectory(); // no child JVM, no logs
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
