package io.chariot.faults;

import io.chariot.infra.local.servers.Ports;
import com.fasterxml.jackson.databind.JsonNode;
import io.chariot.infra.local.StackEndpoints;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The operator's view: {@code ./chariot up}, the real script, killed with SIGKILL to its whole process group (a
 * terminal closing on it, an OOM kill), under writes that have reached every store. Nothing of it may go on running,
 * the next {@code ./chariot up} on the same work dir must start cleanly with every acknowledged write (Redis counts
 * included: this kill hits redis-server directly), and a refused second {@code ./chariot up} changes nothing.
 */
class ChariotUpRecoveryIT {

    private static final Path ROOT = Path.of(System.getProperty("chariot.root", "../..")).toAbsolutePath().normalize();
    private final List<Process> started = new ArrayList<>();
    private Path work;

    @AfterEach
    void stopWhatIsLeft() {
        for (Process up : started) {
            if (up.isAlive()) {
                Os.signal(-up.pid(), "TERM");
                try {
                    up.waitFor(90, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        processesOf(work).forEach(ProcessHandle::destroyForcibly);
    }

    @Test
    void aKilledChariotUpLeavesNothingRunningAndTheNextStartsCleanlyWithEveryAcknowledgedWrite() throws Exception {
        work = ROOT.resolve("infra/faults/target/faults/chariot-up-" + System.currentTimeMillis());
        int port = Ports.free();
        long startedAt = System.nanoTime();
        Process up = chariotUp(port, "first.log");
        awaitReady(up, "first.log");
        long firstReadyAt = System.nanoTime();
        ChariotApi api = api(port);
        WriteLoad load = new WriteLoad(api, "chariot-up.faults.test", 4, 10).start();
        // Writes have reached every store, Redis included (the issue: counts Redis had applied were gone after
        // such a kill), and more are on their way when the kill comes.
        await().atMost(Duration.ofMinutes(1)).until(() -> load.acknowledgedCount() >= 60);
        await().atMost(Duration.ofMinutes(1)).until(() -> api.assetCount() >= 60);
        // A remediated risk starts a remediation check that waits for its re-test until a deadline, due after the
        // kill: the deadline lives in PostgreSQL, so the next platform fires it (no re-test will come).
        // (stored is enough: under the write load a read model may lag past the read-your-writes wait)
        String asset = "#asset#" + load.group() + "#10.250.0.1";
        String risk = "#risk#" + load.group() + "#directory-listing";
        await().atMost(Duration.ofMinutes(1)).until(() -> api.putAsset(load.group(), "10.250.0.1", false)
                .acknowledged());
        await().atMost(Duration.ofMinutes(1)).until(() -> api.put("/risk", "{\"key\":\"" + asset
                + "\",\"name\":\"directory-listing\",\"status\":\"TH\"}").acknowledged());
        await().atMost(Duration.ofMinutes(1)).until(() -> api.put("/risk", "{\"key\":\"" + risk
                + "\",\"status\":\"RH\"}").acknowledged());
        String checks = "/admin/sagas?type=remediation-check&tenant=dev@chariot.local";
        await("the remediation check to wait for its re-test").atMost(Duration.ofMinutes(1)).until(() ->
                remediationCheck(api.get(checks), risk).filter(s -> s.path("state").asText().equals("RUNNING")
                        && s.path("deadlines").has("retest-deadline")).isPresent());

        List<ProcessHandle> running = processesOf(work);
        List<String> programs = running.stream().map(ChariotUpRecoveryIT::program).sorted().toList();
        assertThat(programs).as("the stack JVM, the platform JVM, PostgreSQL, Redis")
                .containsExactly("java", "java", "postgres", "redis-server");

        long killedAt = System.nanoTime();
        Os.killGroup(up.pid()); // setsid made ./chariot up (exec'd into the stack's JVM) the leader of its group
        await("nothing of the killed ./chariot up runs").atMost(Duration.ofMinutes(1))
                .until(() -> running.stream().noneMatch(ProcessHandle::isAlive));
        long orphansGoneAt = System.nanoTime();
        load.close();
        int acknowledged = load.acknowledgedCount();

        Process again = chariotUp(port, "second.log");
        awaitReady(again, "second.log");
        long readyAt = System.nanoTime();

        StackEndpoints endpoints = StackEndpoints.read(work.resolve("stack"));
        Set<String> stored = EventStore.assets(endpoints, "dev@chariot.local", load.group());
        assertThat(stored).containsAll(load.acknowledged());
        // After catch-up every read store holds what the event store holds.
        await("the read stores to catch up").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500))
                .until(() -> stored.equals(api.assetsInTable(load.group()))
                        && stored.equals(api.assetsInGraph(load.group())) && api.assetCount() == stored.size());
        long caughtUpAt = System.nanoTime();

        // The deadline the first platform scheduled fired in the second: the check waits for an operator.
        await("the re-test deadline to fire after the restart").atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofSeconds(1)).until(() -> remediationCheck(api.get(checks), risk)
                        .filter(s -> s.path("state").asText().equals("FLAGGED")).isPresent());
        JsonNode flagged = remediationCheck(api.get(checks), risk).orElseThrow();
        assertThat(flagged.path("reason").asText()).startsWith("no re-test finished within");
        assertThat(flagged.path("deadlines").has("retest-deadline")).isFalse();

        // A second ./chariot up on the running work dir is refused and points the CLIs nowhere else.
        Process refused = chariotUp(Ports.free(), "refused.log");
        assertThat(refused.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(refused.exitValue()).isNotZero();
        assertThat(Files.readString(work.resolve("logs/refused.log"))).contains("a stack already runs in");
        assertThat(Files.readString(work.resolve("platform.url")).strip()).isEqualTo("http://127.0.0.1:" + port);

        // ./chariot projections verify, the operator's own check, through the platform.url the platform wrote.
        Process verify = new ProcessBuilder(ROOT.resolve("chariot").toString(), "projections", "verify",
                "assets-redis", "--work-dir", work.toString()).redirectErrorStream(true)
                .redirectOutput(work.resolve("logs/verify.log").toFile()).start();
        assertThat(verify.waitFor(10, TimeUnit.MINUTES)).isTrue();
        String verifyOutput = Files.readString(work.resolve("logs/verify.log"));
        assertThat(verify.exitValue()).as(verifyOutput).isZero();
        assertThat(verifyOutput).contains("assets-redis: matches a rebuild from the event store");

        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("acknowledged", acknowledged);
        figures.put("killed", programs.toString().replace(" ", ""));
        figures.put("allGoneAfter", Figures.seconds(orphansGoneAt - killedAt));
        figures.put("firstStartToReady", Figures.seconds(firstReadyAt - startedAt));
        figures.put("restartToReady", Figures.seconds(readyAt - orphansGoneAt));
        figures.put("caughtUpAfterReady", Figures.seconds(caughtUpAt - readyAt));
        figures.put("inEventStore", stored.size());
        figures.put("redisCountAfterRestart", api.assetCount());
        figures.put("outcomes", load.outcomes().toString().replace(" ", ""));
        Figures.print("kill -9 of ./chariot up's process group", figures);
    }

    /** {@code setsid ./chariot up --port P --work-dir W}: its own process group, as in a terminal. */
    private Process chariotUp(int port, String log) throws IOException {
        Files.createDirectories(work.resolve("logs"));
        ProcessBuilder builder = new ProcessBuilder("setsid", ROOT.resolve("chariot").toString(), "up",
                "--port", Integer.toString(port), "--work-dir", work.toString())
                .redirectErrorStream(true).redirectOutput(work.resolve("logs/" + log).toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("CHARIOT_")); // the development tenant
        // due after the kill below, before the restarted platform is ready (it then fires at once)
        builder.environment().put("CHARIOT_SAGAS_REMEDIATION_DEADLINE", "PT60S");
        Process process = builder.start();
        started.add(process);
        return process;
    }

    private void awaitReady(Process up, String log) {
        await("./chariot up to be ready").atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    String output = Files.readString(work.resolve("logs/" + log));
                    if (!up.isAlive()) {
                        throw new AssertionError("./chariot up exited: " + output);
                    }
                    return output.contains("Chariot ready on");
                });
    }

    /** The remediation check of {@code risk} in an answer of {@code GET /admin/sagas}. */
    private static Optional<JsonNode> remediationCheck(ChariotApi.Answer sagas, String risk) {
        assertThat(sagas.status()).as(sagas.body()).isEqualTo(200);
        for (JsonNode saga : sagas.json().path("sagas")) {
            if (risk.equals(saga.path("subject").asText())) {
                return Optional.of(saga);
            }
        }
        return Optional.empty();
    }

    private ChariotApi api(int port) throws IOException {
        Properties credentials = new Properties();
        try (var reader = Files.newBufferedReader(work.resolve("dev-credentials.env"), StandardCharsets.UTF_8)) {
            credentials.load(reader);
        }
        return new ChariotApi("http://127.0.0.1:" + port, credentials.getProperty("CHARIOT_BOOTSTRAP_API_KEY_ID"),
                credentials.getProperty("CHARIOT_BOOTSTRAP_API_KEY_SECRET"));
    }

    /**
     * Every process whose command line names the work dir: the stack JVM, the platform, PostgreSQL, Redis. Read from
     * /proc: {@code ProcessHandle.Info} cuts long command lines (the stack JVM's classpath) short.
     */
    private static List<ProcessHandle> processesOf(Path work) {
        if (work == null) {
            return List.of();
        }
        byte[] dir = work.toString().getBytes(StandardCharsets.UTF_8);
        return ProcessHandle.allProcesses().filter(h -> {
            try {
                return contains(Files.readAllBytes(Path.of("/proc", Long.toString(h.pid()), "cmdline")), dir);
            } catch (IOException | RuntimeException gone) {
                return false;
            }
        }).toList();
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private static String program(ProcessHandle process) {
        String command = process.info().command().orElse("");
        return command.substring(command.lastIndexOf('/') + 1);
    }
}
