package io.chariot.infra.local.servers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chariot.infra.local.LocalStack;
import io.chariot.infra.local.StackEndpoints;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * A stack whose JVM is killed (SIGKILL of its whole process group, as when a terminal's job is killed) leaves nothing
 * running, and the next stack on the same work dir starts cleanly with the data kept. Real child JVMs, real servers
 * (PostgreSQL and Redis only: they are the processes that can outlive the JVM).
 */
class StackReaperTest {

    @TempDir
    Path work;

    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void stopWhatIsLeft() throws Exception {
        for (Process process : started) {
            process.destroy();
            process.waitFor();
        }
    }

    @Test
    void killingTheStacksProcessGroupLeavesNoServerAndTheNextStackStartsOnTheSameData() throws Exception {
        Process stack = up();
        StackEndpoints endpoints = awaitEndpoints(stack);
        insert(endpoints, 42);
        List<ProcessHandle> left = new ArrayList<>(stack.descendants().toList());
        left.add(postmaster()); // pg_ctl detaches it: not a descendant
        assertThat(left).extracting(h -> h.info().command().orElse(""))
                .anyMatch(c -> c.endsWith("/postgres")).anyMatch(c -> c.endsWith("/redis-server"))
                .anyMatch(c -> c.endsWith("/sleep"));

        new ProcessBuilder("kill", "-KILL", "--", "-" + stack.pid()).start().waitFor(); // its whole process group

        await().atMost(Duration.ofSeconds(60)).until(() -> left.stream().noneMatch(ProcessHandle::isAlive));
        assertThat(Files.readString(work.resolve("logs/reaper.log"))).contains("stopping");

        Process next = up();
        StackEndpoints again = awaitEndpoints(next);
        assertThat(select(again)).isEqualTo(42);
    }

    @Test
    void aSecondStackOnARunningWorkDirIsRefusedAndChangesNothing() throws Exception {
        Process stack = up();
        StackEndpoints endpoints = awaitEndpoints(stack);
        String file = Files.readString(StackEndpoints.file(work));

        StringWriter err = new StringWriter();
        CommandLine second = StackMain.commandLine();
        second.setErr(new PrintWriter(err, true));
        second.setOut(new PrintWriter(new StringWriter(), true));
        int code = second.execute("up", "--work-dir", work.toString(), "--only", "redis");

        assertThat(code).isEqualTo(1);
        assertThat(err.toString().strip()).isEqualTo("chariot-stack up: a stack already runs in " + work
                + " (pid " + stack.pid() + ")");
        assertThat(Files.readString(StackEndpoints.file(work))).isEqualTo(file);
        assertThat(endpoints.stackPid()).contains(stack.pid());
    }

    @Test
    void serversLeftRunningWhenTheReaperDiedTooAreStoppedByTheNextStackAndTheirDataKept() throws Exception {
        Process stack = up();
        StackEndpoints endpoints = awaitEndpoints(stack);
        insert(endpoints, 7);
        ProcessHandle postmaster = postmaster();
        ProcessHandle redis = descendant(stack, "redis-server");
        ProcessHandle child = descendant(stack, "sleep");
        kill(reaper(stack)); // the reaper first: nothing cleans up after the stack now
        kill(stack.toHandle());
        assertThat(postmaster.isAlive()).isTrue();
        assertThat(redis.isAlive()).isTrue();

        Process next = up();
        StackEndpoints again = awaitEndpoints(next);

        assertThat(postmaster.isAlive()).isFalse();
        assertThat(redis.isAlive()).isFalse();
        assertThat(select(again)).isEqualTo(7);
        kill(child); // the old --then command: only the reaper would have stopped it
    }

    @Test
    void aPostmasterPidFileNamingAnotherLiveProgramIsRecognisedAsStale() throws Exception {
        Process stack = up();
        StackEndpoints endpoints = awaitEndpoints(stack);
        insert(endpoints, 9);
        ProcessHandle postmaster = postmaster();
        for (ProcessHandle process : List.of(reaper(stack), stack.toHandle(), postmaster,
                descendant(stack, "redis-server"), descendant(stack, "sleep"))) {
            kill(process); // everything at once, as a power loss would
        }
        // After a reboot the pid in the file may belong to another program: here, this test's JVM.
        Path pidFile = work.resolve("postgres/data/postmaster.pid");
        String lock = Files.readString(pidFile);
        Files.writeString(pidFile, ProcessHandle.current().pid() + lock.substring(lock.indexOf('\n')));

        Process next = up();
        StackEndpoints again = awaitEndpoints(next);

        assertThat(select(again)).isEqualTo(9);
    }

    private static ProcessHandle descendant(Process process, String command) {
        return process.descendants().filter(h -> h.info().command().orElse("").endsWith("/" + command))
                .findFirst().orElseThrow(() -> new AssertionError("no " + command + " under the stack"));
    }

    private static ProcessHandle reaper(Process stack) {
        return stack.descendants().filter(h -> h.info().arguments().map(List::of).orElse(List.of())
                .contains("chariot-reaper")).findFirst().orElseThrow(() -> new AssertionError("no reaper"));
    }

    private static void kill(ProcessHandle process) throws Exception {
        process.destroyForcibly();
        process.onExit().get();
    }

    private static void insert(StackEndpoints endpoints, int n) throws Exception {
        try (Connection connection = connect(endpoints); Statement statement = connection.createStatement()) {
            statement.execute("create table kept (n int)");
            statement.execute("insert into kept values (" + n + ")");
        }
    }

    private static int select(StackEndpoints endpoints) throws Exception {
        try (Connection connection = connect(endpoints); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("select n from kept")) {
            assertThat(rs.next()).isTrue();
            return rs.getInt(1);
        }
    }

    private Process up() throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", LocalStack.serversClasspath(),
                LocalStack.MAIN_CLASS, "up", "--work-dir", work.toString(), "--only", "postgres,redis", "--quiet",
                "--then", "--", "sleep", "600"));
        // setsid: its own process group, as ./chariot up has in a terminal, so the group kill hits only the stack.
        command.add(0, "setsid");
        Files.createDirectories(work.resolve("logs"));
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(work.resolve("logs/test-console.log").toFile()))
                .start();
        started.add(process);
        return process;
    }

    private StackEndpoints awaitEndpoints(Process stack) {
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            if (!stack.isAlive()) {
                throw new AssertionError("the stack exited: " + tail("test-console.log") + tail("stack.log"));
            }
            return StackEndpoints.readIfPresent(work).flatMap(StackEndpoints::stackPid)
                    .filter(pid -> pid == stack.pid()).isPresent();
        });
        return StackEndpoints.readIfPresent(work).orElseThrow();
    }

    private String tail(String log) {
        try {
            List<String> lines = Files.readAllLines(work.resolve("logs").resolve(log));
            return "\n--- " + log + "\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 30),
                    lines.size()));
        } catch (Exception e) {
            return "\n--- no " + log;
        }
    }

    private ProcessHandle postmaster() throws Exception {
        String pid = Files.readAllLines(work.resolve("postgres/data/postmaster.pid"), StandardCharsets.UTF_8).get(0);
        Optional<ProcessHandle> handle = ProcessHandle.of(Long.parseLong(pid.trim()));
        return handle.orElseThrow();
    }

    private static Connection connect(StackEndpoints endpoints) throws Exception {
        return DriverManager.getConnection(endpoints.postgresJdbcUrl(), endpoints.postgresUser(),
                endpoints.postgresPassword());
    }
}
