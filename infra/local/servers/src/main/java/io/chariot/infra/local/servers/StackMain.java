package io.chariot.infra.local.servers;

import io.chariot.infra.local.StackEndpoints;
import io.chariot.infra.local.StackProbe;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * The local stack's command line.
 *
 * <pre>
 * java -Xmx1g -XX:+UseSerialGC -XX:TieredStopAtLevel=1 --add-opens=java.base/java.nio=ALL-UNNAMED \
 *      -cp infra/local/servers/target/classes:$(cat infra/local/servers/target/stack.classpath) \
 *      io.chariot.infra.local.servers.StackMain up --work-dir .chariot/stack [--then -- command args...]
 * </pre>
 */
@Command(name = "chariot-stack", mixinStandardHelpOptions = true, version = "chariot-local-servers 0.1.0",
        description = "Runs the local stack of real servers: PostgreSQL, Kafka (KRaft), DynamoDB Local, Neo4j, Redis.",
        subcommands = {StackMain.Up.class, StackMain.Status.class})
public final class StackMain implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line with one-line error reporting (bad arguments: exit 2; failures: exit 1). */
    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new StackMain());
        commandLine.setParameterExceptionHandler((ex, args) -> {
            CommandLine cmd = ex.getCommandLine();
            cmd.getErr().println(cmd.getCommandSpec().qualifiedName() + ": " + oneLine(ex.getMessage()) + " (see --help)");
            cmd.getErr().flush();
            return cmd.getCommandSpec().exitCodeOnInvalidInput();
        });
        commandLine.setExecutionExceptionHandler((ex, cmd, parseResult) -> {
            cmd.getErr().println(cmd.getCommandSpec().qualifiedName() + ": " + Stack.rootMessage(ex));
            cmd.getErr().flush();
            return 1;
        });
        return commandLine;
    }

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "missing command: up or status");
    }

    private static String oneLine(String message) {
        return message == null ? "invalid arguments" : message.replaceAll("\\s*\\R\\s*", " ").trim();
    }

    // ------------------------------------------------------------------------------------------------------ up

    @Command(name = "up", mixinStandardHelpOptions = true,
            description = {
                "Starts the servers (each named by a CHARIOT_* variable is only health-checked), writes "
                    + "<work-dir>/endpoints.properties, prints one 'stack ready:' line and runs until SIGTERM/SIGINT; "
                    + "then stops the servers in reverse order and deletes the endpoints file.",
                "With --then -- COMMAND...: runs COMMAND once the stack is ready, with CHARIOT_* variables set, and "
                    + "exits with its exit code (SIGTERM/SIGINT is forwarded to it; 20 s grace)."})
    static final class Up implements Callable<Integer> {

        private static final List<String> SERVERS = List.of("postgres", "kafka", "dynamodb", "neo4j", "redis");

        @Spec
        CommandSpec spec;

        @Option(names = "--work-dir", required = true, paramLabel = "DIR",
                description = "All data and logs go here; data is kept across restarts.")
        Path workDir;

        @Option(names = "--kafka-partitions", defaultValue = "4", paramLabel = "N",
                description = "Partitions of the chariot.events topic when it is created (default: ${DEFAULT-VALUE}).")
        int kafkaPartitions;

        @Option(names = "--start-timeout", defaultValue = "120", paramLabel = "SECONDS",
                description = "Give up when the servers are not ready after this long (default: ${DEFAULT-VALUE}).")
        int startTimeoutSeconds;

        @Option(names = "--then", description = "Run the command after '--' once the stack is ready.")
        boolean then;

        @Option(names = {"-q", "--quiet"},
                description = "Do not print the 'stack ready' line (e.g. when the --then command prints its own).")
        boolean quiet;

        @Option(names = "--only", split = ",", paramLabel = "SERVER",
                description = "Run only these servers (postgres, kafka, dynamodb, neo4j, redis; comma-separated), "
                        + "e.g. to give one its own process; the endpoints file then names only those.")
        Set<String> only = new LinkedHashSet<>();

        @Option(names = "--watch-pid", hidden = true, defaultValue = "-1",
                description = "Stop when this process exits (the launcher's JVM).")
        long watchPid;

        @Parameters(paramLabel = "COMMAND", arity = "0..*", description = "The command for --then.")
        List<String> command = new ArrayList<>();

        @Override
        public Integer call() throws Exception {
            validate();
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            Path work = workDir.toAbsolutePath().normalize();
            Path logs = work.resolve("logs");
            Files.createDirectories(logs);

            // Held while this stack runs; the kernel releases it however the JVM ends, so a killed stack never leaves a
            // stale lock behind, and two stacks can never share a work dir.
            Optional<WorkDirLock> lock = WorkDirLock.tryAcquire(work);
            if (lock.isEmpty()) {
                String pid = StackEndpoints.readIfPresent(work).flatMap(StackEndpoints::stackPid)
                        .map(p -> " (pid " + p + ")").orElse("");
                err.println("chariot-stack up: a stack already runs in " + work + pid);
                return 1;
            }
            try (WorkDirLock held = lock.get()) {
                return run(work, logs, out, err);
            }
        }

        private int run(Path work, Path logs, PrintWriter out, PrintWriter err) throws Exception {
            Files.deleteIfExists(StackEndpoints.file(work));

            quietConsole(logs);
            long t0 = System.nanoTime();
            Stack stack = new Stack(work, kafkaPartitions, System.getenv(), only);
            Process[] child = new Process[1];
            Thread hook = new Thread(() -> shutdown(stack, work, child[0]), "chariot-stack-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);

            StackEndpoints endpoints;
            try {
                endpoints = stack.start(Duration.ofSeconds(startTimeoutSeconds));
            } catch (Exception e) {
                stack.stop();
                err.println("chariot-stack up: " + Stack.rootMessage(e) + " (logs in " + logs + ")");
                err.flush();
                return 1;
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            endpoints = endpoints.withAttributes(Map.of(
                    StackEndpoints.ATTR_STACK_PID, Long.toString(ProcessHandle.current().pid()),
                    "stack.workDir", work.toString(),
                    "stack.startMillis", Long.toString(Math.round(seconds * 1000))));
            endpoints.write(work);
            if (!quiet) {
                out.println(String.format(Locale.ROOT, "stack ready: %s (%.1fs)", endpoints.summary(), seconds));
                out.flush();
            }

            CountDownLatch done = new CountDownLatch(1);
            Signals.onTermination(done::countDown);
            String[] failure = new String[1];
            stack.onFailure(message -> {
                failure[0] = message;
                done.countDown();
            });
            if (watchPid > 0) {
                ProcessHandle.of(watchPid).ifPresentOrElse(
                        parent -> parent.onExit().thenRun(done::countDown), done::countDown);
            }
            int exitCode = 0;
            if (then) {
                ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
                builder.environment().putAll(endpoints.toEnvironment());
                try {
                    child[0] = builder.start();
                    stack.watch(child[0]);
                    child[0].onExit().thenRun(done::countDown);
                } catch (IOException e) {
                    err.println("chariot-stack up: cannot run " + command.get(0) + ": " + e.getMessage());
                    err.flush();
                    exitCode = 127;
                    done.countDown();
                }
            }
            done.await();
            if (child[0] != null) {
                exitCode = stopChild(child[0]);
                stack.forget(child[0]);
            }
            if (failure[0] != null) {
                err.println("chariot-stack up: " + failure[0] + "; stopping (logs in " + logs + ")");
                err.flush();
                exitCode = 1;
            }
            shutdown(stack, work, null);
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException alreadyShuttingDown) {
                // the hook runs anyway; everything is stopped already
            }
            return exitCode;
        }

        private void validate() {
            if (kafkaPartitions < 1) {
                throw new ParameterException(spec.commandLine(), "--kafka-partitions must be at least 1");
            }
            if (startTimeoutSeconds < 1) {
                throw new ParameterException(spec.commandLine(), "--start-timeout must be at least 1");
            }
            for (String server : only) {
                if (!SERVERS.contains(server)) {
                    throw new ParameterException(spec.commandLine(), "--only: unknown server '" + server
                            + "' (one of " + String.join(", ", SERVERS) + ")");
                }
            }
            if (then && command.isEmpty()) {
                throw new ParameterException(spec.commandLine(), "--then needs a command after '--'");
            }
            if (!then && !command.isEmpty()) {
                throw new ParameterException(spec.commandLine(), "unexpected argument '" + command.get(0)
                        + "' (to run a command once the stack is ready: --then -- COMMAND...)");
            }
        }

        /** SIGTERM to the child, 20 s grace, then a kill; its exit code. */
        private static int stopChild(Process child) throws InterruptedException {
            if (child.isAlive()) {
                child.destroy();
                if (!child.waitFor(20, TimeUnit.SECONDS)) {
                    child.descendants().forEach(ProcessHandle::destroyForcibly);
                    child.destroyForcibly();
                }
            }
            return child.waitFor();
        }

        private static void shutdown(Stack stack, Path work, Process child) {
            if (child != null && child.isAlive()) {
                try {
                    stopChild(child);
                } catch (InterruptedException e) {
                    child.destroyForcibly();
                }
            }
            stack.stop();
            try {
                Optional<StackEndpoints> written = StackEndpoints.readIfPresent(work);
                if (written.flatMap(StackEndpoints::stackPid).orElse(-1L) == ProcessHandle.current().pid()) {
                    Files.deleteIfExists(StackEndpoints.file(work));
                }
            } catch (IOException | RuntimeException ignored) {
                // best effort
            }
        }

        /**
         * Sends the libraries' console chatter (and log4j's own) to files under logs/, so the ready line stands out.
         * Must run before any logger is created.
         */
        private static void quietConsole(Path logs) throws IOException {
            System.setProperty("chariot.stack.logDir", logs.toString());
            if (System.getProperty("log4j2.configurationFile") == null) {
                System.setProperty("log4j2.configurationFile", "chariot-stack-log4j2.xml");
            }
            PrintStream console = new PrintStream(new FileOutputStream(logs.resolve("console.log").toFile(), true), true);
            System.setOut(console);
            System.setErr(console);
        }
    }

    // ------------------------------------------------------------------------------------------------------ status

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "Reads <work-dir>/endpoints.properties (CHARIOT_* variables override it) and checks every "
                    + "server; exit 0 when all answer, else 1.")
    static final class Status implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--work-dir", required = true, paramLabel = "DIR")
        Path workDir;

        @Option(names = "--timeout", defaultValue = "5", paramLabel = "SECONDS",
                description = "Per-server timeout (default: ${DEFAULT-VALUE}).")
        int timeoutSeconds;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            Path work = workDir.toAbsolutePath().normalize();
            Optional<StackEndpoints> file = StackEndpoints.readIfPresent(work);
            StackEndpoints endpoints = file.map(e -> e.overlay(System.getenv()))
                    .orElseGet(StackEndpoints::fromEnvironment);
            if (!endpoints.isComplete()) {
                err.println("stack down: " + (file.isEmpty()
                        ? "no " + StackEndpoints.file(work) : StackEndpoints.file(work) + " names too few servers"));
                return 1;
            }
            List<StackProbe.Result> down = StackProbe.probeAll(endpoints, Duration.ofSeconds(timeoutSeconds)).stream()
                    .filter(r -> !r.ok()).toList();
            if (!down.isEmpty()) {
                err.println("stack down: " + down.stream().map(Object::toString).collect(Collectors.joining(", ")));
                return 1;
            }
            out.println("stack up: " + endpoints.summary()
                    + endpoints.stackPid().map(pid -> " (pid " + pid + ")").orElse(""));
            return 0;
        }
    }
}
