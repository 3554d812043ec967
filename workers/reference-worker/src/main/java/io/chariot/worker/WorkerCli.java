package io.chariot.worker;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code ./chariot worker …}: the reference worker. It uses only the platform's public HTTP API with an API key
 * (like praetorian-cli), so it runs anywhere that reaches the platform.
 * <p>Exit codes: 0 ok, 1 failed, 2 bad arguments, 3 the key was refused, 4 cannot reach the platform.
 */
@Command(name = "chariot worker", mixinStandardHelpOptions = true, version = "chariot worker 0.1.0",
        sortOptions = false, usageHelpAutoWidth = true,
        description = "The reference job worker: claims queued jobs of the capabilities it runs, runs them and "
                + "reports their results (assets, attributes, ports, risks) to the platform.",
        subcommands = {WorkerCli.Run.class, WorkerCli.ListCapabilities.class},
        footer = {"", "Examples:",
                "  ./chariot worker run                 poll for jobs until Ctrl-C",
                "  ./chariot worker run --max-jobs 1 --exit-when-idle 30s",
                "                                       one job, or give up after 30 s idle",
                "  ./chariot worker capabilities        what it can run",
                "", "Queue a job for it (config: port, scheme, url, follow_redirects):",
                "  POST /job {\"key\":\"#asset#example.com#127.0.0.1\",\"capabilities\":[\"http-probe\"],",
                "             \"config\":{\"port\":\"8000\"}}",
                "", "Exit codes: 0 ok, 1 failed, 2 bad arguments, 3 the API key was refused,",
                "4 cannot reach the platform."})
public final class WorkerCli implements Callable<Integer> {

    static final String PREFIX = "chariot worker: ";
    static final String DEFAULT_API = "http://127.0.0.1:8080";

    @Spec
    CommandSpec spec;

    @Option(names = "--api", paramLabel = "URL", scope = ScopeType.INHERIT,
            description = "The platform's base URL. Default: env CHARIOT_API, else <work-dir>/platform.url (written "
                    + "by ./chariot up), else " + DEFAULT_API + ".")
    String api;

    @Option(names = "--work-dir", paramLabel = "DIR", scope = ScopeType.INHERIT,
            description = "The work directory of ./chariot up (platform.url, dev-credentials.env). Default: .chariot")
    Path workDir;

    @Option(names = "--key-id", paramLabel = "ID", scope = ScopeType.INHERIT,
            description = "API key id. Default: env CHARIOT_API_KEY_ID, else CHARIOT_BOOTSTRAP_API_KEY_ID from the "
                    + "environment or <work-dir>/dev-credentials.env.")
    String keyId;

    @Option(names = "--key-secret", paramLabel = "SECRET", scope = ScopeType.INHERIT,
            description = "Its secret (prefer the environment: command lines are visible to other users). Default: "
                    + "env CHARIOT_API_KEY_SECRET, else CHARIOT_BOOTSTRAP_API_KEY_SECRET from the environment or "
                    + "<work-dir>/dev-credentials.env.")
    String keySecret;

    private final Map<String, String> env;

    WorkerCli(Map<String, String> env) {
        this.env = env;
    }

    public static void main(String[] args) {
        System.exit(execute(System.getenv(), args));
    }

    /** Runs the CLI with an explicit environment (tests pass their own). */
    public static int execute(Map<String, String> env, String... args) {
        CommandLine cli = new CommandLine(new WorkerCli(env));
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof ChariotApi.Failure f) {
                cmd.getErr().println(PREFIX + f.getMessage());
                return f.exitCode();
            }
            throw e;
        });
        cli.setParameterExceptionHandler((e, a) -> {
            e.getCommandLine().getErr().println(PREFIX + e.getMessage() + " (see --help)");
            return 2;
        });
        return cli.execute(args);
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }

    /** The capabilities this worker ships, by name. */
    static Map<String, Capability> catalogue(Duration httpTimeout) {
        Map<String, Capability> all = new LinkedHashMap<>();
        Capability probe = new HttpProbe(httpTimeout);
        all.put(probe.name(), probe);
        return all;
    }

    @Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
            description = "Claim, run and report jobs until stopped (Ctrl-C ends after the job in hand).")
    static final class Run implements Callable<Integer> {

        @CommandLine.ParentCommand
        WorkerCli parent;

        @Spec
        CommandSpec spec;

        @Option(names = {"-c", "--capability"}, paramLabel = "NAME",
                description = "Only jobs of this capability (repeatable). Default: every capability it ships.")
        List<String> capabilities = new ArrayList<>();

        @Option(names = "--worker-id", paramLabel = "ID",
                description = "How the job records its worker. Default: reference-worker@<host>:<pid>.")
        String workerId;

        @Option(names = "--poll-interval", paramLabel = "DURATION", defaultValue = "2s",
                converter = DurationConverter.class,
                description = "Wait between claims when nothing is queued (e.g. 500ms, 2s, 1m). Default: ${DEFAULT-VALUE}.")
        Duration pollInterval;

        @Option(names = "--max-jobs", paramLabel = "N", defaultValue = "0",
                description = "Stop after N jobs (0: never). Default: ${DEFAULT-VALUE}.")
        int maxJobs;

        @Option(names = "--exit-when-idle", paramLabel = "DURATION", converter = DurationConverter.class,
                description = "Stop when nothing was queued for this long. Default: keep polling.")
        Duration exitWhenIdle;

        @Option(names = "--http-timeout", paramLabel = "DURATION", defaultValue = "10s",
                converter = DurationConverter.class,
                description = "Connect and response timeout of the probes. Default: ${DEFAULT-VALUE}.")
        Duration httpTimeout;

        @Option(names = {"-q", "--quiet"}, description = "Only errors.")
        boolean quiet;

        @Override
        public Integer call() throws Exception {
            if (maxJobs < 0) {
                throw new ParameterException(spec.commandLine(), "--max-jobs must not be negative");
            }
            Map<String, Capability> all = catalogue(httpTimeout);
            Map<String, Capability> chosen = new LinkedHashMap<>();
            for (String name : capabilities.isEmpty() ? List.copyOf(all.keySet()) : capabilities) {
                Capability c = all.get(name);
                if (c == null) {
                    throw new ParameterException(spec.commandLine(), "unknown capability: " + name
                            + " (this worker runs " + String.join(", ", all.keySet()) + ")");
                }
                chosen.put(name, c);
            }
            PrintWriter err = spec.commandLine().getErr();
            DateTimeFormatter clock = DateTimeFormatter.ofPattern("HH:mm:ss");
            Worker worker = new Worker(parent.client(), chosen, workerId == null ? defaultWorkerId() : workerId,
                    pollInterval, maxJobs, exitWhenIdle, line -> {
                        if (!quiet) {
                            err.println(LocalTime.now().format(clock) + " " + line);
                            err.flush();
                        }
                    });
            Thread hook = new Thread(worker::stop, "worker-stop");
            Runtime.getRuntime().addShutdownHook(hook);
            try {
                worker.run();
            } finally {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException shuttingDown) {
                    // the JVM is exiting: the hook already ran
                }
            }
            return 0;
        }

        private static String defaultWorkerId() {
            String host;
            try {
                host = InetAddress.getLocalHost().getHostName();
            } catch (IOException e) {
                host = "localhost";
            }
            return "reference-worker@" + host + ":" + ProcessHandle.current().pid();
        }
    }

    @Command(name = "capabilities", mixinStandardHelpOptions = true,
            description = "List the capabilities this worker runs.")
    static final class ListCapabilities implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            catalogue(Duration.ofSeconds(10)).values()
                    .forEach(c -> out.printf("%-12s %s%n", c.name(), c.description()));
            return 0;
        }
    }

    // ------------------------------------------------------------------------------------------------------------

    ChariotApi client() {
        Path work = workDir != null ? workDir : Path.of(".chariot");
        Map<String, String> dev = devCredentials(work);
        String url = first(api, env.get("CHARIOT_API"), read(work.resolve("platform.url")), DEFAULT_API);
        String id = first(keyId, env.get("CHARIOT_API_KEY_ID"), env.get("CHARIOT_BOOTSTRAP_API_KEY_ID"),
                dev.get("CHARIOT_BOOTSTRAP_API_KEY_ID"));
        String secret = first(keySecret, env.get("CHARIOT_API_KEY_SECRET"), env.get("CHARIOT_BOOTSTRAP_API_KEY_SECRET"),
                dev.get("CHARIOT_BOOTSTRAP_API_KEY_SECRET"));
        if (id == null || secret == null) {
            throw new ParameterException(spec.commandLine(), "no API key: give --key-id and --key-secret, set "
                    + "CHARIOT_API_KEY_ID/CHARIOT_API_KEY_SECRET, or run ./chariot up first");
        }
        URI uri;
        try {
            uri = URI.create(url.trim());
            if (uri.getScheme() == null || uri.getHost() == null) {
                throw new IllegalArgumentException("no scheme or host");
            }
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--api is not a URL: " + url);
        }
        return new ChariotApi(uri, id, secret);
    }

    private static Map<String, String> devCredentials(Path work) {
        Map<String, String> values = new HashMap<>();
        String text = read(work.resolve("dev-credentials.env"));
        if (text != null) {
            for (String line : text.split("\n")) {
                int eq = line.indexOf('=');
                if (eq > 0 && !line.startsWith("#")) {
                    values.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
                }
            }
        }
        return values;
    }

    private static String read(Path file) {
        try {
            return Files.isRegularFile(file) ? Files.readString(file).trim() : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static String first(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }

    /** {@code 500ms}, {@code 2s}, {@code 5m}, {@code 1h}, or an ISO-8601 duration. */
    static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            String v = value.trim().toLowerCase(Locale.ROOT);
            try {
                if (v.endsWith("ms")) {
                    return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
                }
                if (v.startsWith("p")) {
                    return Duration.parse(value.trim());
                }
                long n = Long.parseLong(v.substring(0, v.length() - 1));
                return switch (v.charAt(v.length() - 1)) {
                    case 's' -> Duration.ofSeconds(n);
                    case 'm' -> Duration.ofMinutes(n);
                    case 'h' -> Duration.ofHours(n);
                    default -> throw new NumberFormatException();
                };
            } catch (RuntimeException e) {
                throw new CommandLine.TypeConversionException("not a duration: '" + value
                        + "' (e.g. 500ms, 2s, 1m)");
            }
        }
    }
}
