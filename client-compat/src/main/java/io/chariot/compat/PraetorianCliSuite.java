package io.chariot.compat;

import org.junit.jupiter.api.Assumptions;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * praetorian-cli 2.4.8's <b>own</b> test suite — the {@code coherence} (SDK) and {@code cli} markers, as Praetorian
 * runs them against their live backend — against a Chariot API on loopback: the embedded platform or the distributed
 * cluster's edge. The client is the contract: {@link #runAgainst} fails on any failing client test not listed in
 * {@code docs/compatibility.md}, and on any listed test that no longer fails (the list must stay true).
 *
 * <p>The run: a keychain profile for the given admin key in a temporary {@code HOME}; the API behind
 * {@link TlsFrontDoor} (the suite checks for an https API-gateway URL); {@code python3 -m pytest} from a writable
 * temporary directory with the client tree and the stand-ins of {@code client-compat/praetorian-cli-stubs/} on
 * {@code PYTHONPATH}, the {@code guard}/{@code praetorian} console scripts on {@code PATH}, no cache and no bytecode
 * written into the tree. pytest's JUnit XML gives each test's outcome; it and the log stay in the output folder.
 *
 * <p>Without the tree, python3 or the client's dependencies, {@link #requireRunnable} skips the calling test with one
 * line — unless {@code CHARIOT_REQUIRE_COMPAT=1} (CI), where that is a failure.
 */
public final class PraetorianCliSuite {

    private static final String PROFILE = "chariot-compat";
    private static final Duration SUITE_LIMIT = Duration.ofMinutes(20);

    /** An admin key of a tenant; the tenant must be a {@code @praetorian.com} user or the client refuses deletes. */
    public record Account(String tenant, String keyId, String keySecret) {
    }

    /**
     * The client's tests that never reach the API: their outcome is the client's alone, whatever serves it, so a run
     * against a second topology may leave them out ({@link #withoutApiFreeTests}). {@code test_help_cli} runs the
     * CLI's {@code --help} some sixty times (~35 s of Python start-up on two cores) and makes no request.
     */
    static final List<String> API_FREE = List.of("test_help_cli");

    private final Path root;
    private final Path tree;
    private final CompatibilityList known;
    private final List<String> deselected;

    private PraetorianCliSuite(Path root, Path tree, List<String> deselected) {
        this.root = root;
        this.tree = tree;
        this.known = CompatibilityList.read(root.resolve("docs/compatibility.md"));
        this.deselected = List.copyOf(deselected);
    }

    /** This suite without {@link #API_FREE}: for a run whose point is the API behind the client, not the client. */
    public PraetorianCliSuite withoutApiFreeTests() {
        return new PraetorianCliSuite(root, tree, API_FREE);
    }

    /**
     * The suite of the client tree ({@code CHARIOT_COMPAT_CLIENT}, see {@link ClientTree}) for the project at
     * {@code root}; if it cannot run here, the calling test is skipped — or fails under {@code CHARIOT_REQUIRE_COMPAT=1}.
     */
    public static PraetorianCliSuite requireRunnable(Path root, String caller) {
        ClientTree.Located client = ClientTree.locate(root, System.getenv("CHARIOT_COMPAT_CLIENT"));
        String problem = client.problem() != null ? client.problem() : ClientTree.pythonProblem().orElse(null);
        if (problem != null) {
            if ("1".equals(System.getenv("CHARIOT_REQUIRE_COMPAT"))) {
                throw new AssertionError("praetorian-cli suite cannot run and CHARIOT_REQUIRE_COMPAT=1: " + problem);
            }
            System.out.println(caller + " skipped: " + problem);
            Assumptions.abort(problem);
        }
        return new PraetorianCliSuite(root, client.tree(), List.of());
    }

    /**
     * Runs the suite against {@code http://127.0.0.1:port} as {@code account} and judges it; the report and the
     * log go to {@code out}. Throws {@link AssertionError} on an unlisted failure or a listed test that passes.
     */
    public void runAgainst(int port, Account account, Path out) throws Exception {
        Path work = Files.createTempDirectory("praetorian-cli-suite");
        Files.createDirectories(out);
        Files.deleteIfExists(out.resolve("junit.xml"));
        try (TlsFrontDoor frontDoor = TlsFrontDoor.open(work, port)) {
            long started = System.nanoTime();
            int exit = run(work, out, frontDoor, account);
            judge(exit, out, Duration.ofNanos(System.nanoTime() - started));
        } finally {
            delete(work);
        }
    }

    private int run(Path work, Path out, TlsFrontDoor frontDoor, Account account) throws Exception {
        Path home = Files.createDirectories(work.resolve("home"));
        Path run = Files.createDirectories(work.resolve("run"));
        Path bin = Files.createDirectories(work.resolve("bin"));
        writeKeychain(home, frontDoor.api(), account);
        // setup.cfg's console_scripts, as an install would make them
        consoleScript(bin, "praetorian", "main");
        consoleScript(bin, "guard", "guard_main");
        Path stubs = root.resolve("client-compat/praetorian-cli-stubs");
        Path tests = tree.resolve("praetorian_cli/sdk/test");

        List<String> command = new ArrayList<>(List.of("python3", "-m", "pytest", "-p", "no:cacheprovider",
                "-m", "coherence or cli", tests.toString(),
                // ui/ holds only `tui` tests; collecting them would need rich and textual
                "--ignore=" + tests.resolve("ui"),
                "--junitxml=" + out.resolve("junit.xml"), "-o", "junit_family=xunit2", "-q", "-rfE",
                "--durations=10"));
        if (!deselected.isEmpty()) { // by name: node ids depend on where pytest puts its root
            command.addAll(List.of("-k", "not (" + String.join(" or ", deselected) + ")"));
        }
        ProcessBuilder pytest = new ProcessBuilder(command)
                .directory(run.toFile())
                .redirectErrorStream(true)
                .redirectOutput(out.resolve("pytest.log").toFile());
        Map<String, String> env = pytest.environment();
        env.keySet().removeIf(name -> name.startsWith("PRAETORIAN_CLI_") || name.equalsIgnoreCase("no_proxy")
                                      || name.equals("CHARIOT_PROXY") || name.startsWith("PYTEST_"));
        env.put("HOME", home.toString());
        env.put("CHARIOT_TEST_PROFILE", PROFILE);
        env.put("PYTHONPATH", stubs + File.pathSeparator + tree);
        env.put("PYTHONDONTWRITEBYTECODE", "1");
        env.put("PATH", bin + File.pathSeparator + env.getOrDefault("PATH", "/usr/bin:/bin"));
        for (String name : List.of("HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy")) {
            env.put(name, frontDoor.proxy());
        }
        env.put("REQUESTS_CA_BUNDLE", frontDoor.certificate().toString());

        Process process = pytest.start();
        if (!process.waitFor(SUITE_LIMIT.toMinutes(), TimeUnit.MINUTES)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            throw new AssertionError("praetorian-cli suite did not finish within " + SUITE_LIMIT.toMinutes()
                                     + " min; see " + out.resolve("pytest.log"));
        }
        return process.exitValue();
    }

    private static void writeKeychain(Path home, String api, Account account) throws IOException {
        Path dir = Files.createDirectories(home.resolve(".praetorian"));
        // username: the SDK names the current principal by it (webhook URLs, is_praetorian_user)
        Files.writeString(dir.resolve("keychain.ini"), String.join("\n",
                "[" + PROFILE + "]",
                "name = chariot",
                "client_id = chariot-compat",
                "api = " + api,
                "username = " + account.tenant(),
                "api_key_id = " + account.keyId(),
                "api_key_secret = " + account.keySecret(), ""));
    }

    private static void consoleScript(Path bin, String name, String function) throws IOException {
        Path script = bin.resolve(name);
        Files.writeString(script, "#!/bin/sh\nexec python3 -c 'import sys; from praetorian_cli.main import "
                                  + function + "; sys.argv[0] = \"" + name + "\"; sys.exit(" + function + "())' \"$@\"\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private void judge(int exit, Path out, Duration took) {
        Path junit = out.resolve("junit.xml");
        // 0: all passed, 1: some failed; anything else (interrupted, usage, nothing collected) is a broken run
        if ((exit != 0 && exit != 1) || !Files.exists(junit)) {
            throw new AssertionError("pytest exited " + exit + " without a usable report; see "
                                     + out.resolve("pytest.log"));
        }
        SuiteReport report = SuiteReport.read(junit);
        for (String name : deselected) {
            if (report.results().keySet().stream().anyMatch(id -> id.endsWith("::" + name))) {
                throw new AssertionError(name + " was to be left out but ran; see " + out.resolve("pytest.log"));
            }
        }
        Set<String> failed = report.with(SuiteReport.Outcome.FAILED);
        Set<String> passed = report.with(SuiteReport.Outcome.PASSED);
        Set<String> skipped = report.with(SuiteReport.Outcome.SKIPPED);

        List<String> unexpected = new ArrayList<>();
        for (String id : failed) {
            if (!known.lists(id)) {
                unexpected.add(id + " — " + report.results().get(id).message());
            }
        }
        List<String> stale = new ArrayList<>();
        for (String id : new TreeSet<>(known.entries().keySet())) {
            if (known.mustFail(id) && !failed.contains(id)) {
                stale.add(id + " — " + (passed.contains(id) ? "passes now" : skipped.contains(id) ? "is skipped"
                        : "did not run"));
            } else if (!report.results().containsKey(id)) {
                stale.add(id + " — did not run");
            }
        }
        long intermittentFailures = failed.stream()
                .filter(id -> known.lists(id) && !known.mustFail(id)).count();
        System.out.printf("praetorian-cli suite (coherence + cli): %d passed, %d failed (%d listed in "
                          + "docs/compatibility.md, %d of them as intermittent), %d skipped%s in %d s; report %s%n",
                passed.size(), failed.size(), failed.size() - unexpected.size(), intermittentFailures,
                skipped.size(), deselected.isEmpty() ? "" : ", " + deselected.size() + " left out (API-free)",
                took.toSeconds(), junit);
        if (!unexpected.isEmpty() || !stale.isEmpty()) {
            StringBuilder why = new StringBuilder();
            if (!unexpected.isEmpty()) {
                why.append(unexpected.size()).append(" failing test(s) not listed in docs/compatibility.md:\n  ")
                        .append(String.join("\n  ", unexpected)).append('\n');
            }
            if (!stale.isEmpty()) {
                why.append(stale.size()).append(" test(s) listed in docs/compatibility.md as failing no longer "
                                                + "fail (remove them):\n  ").append(String.join("\n  ", stale)).append('\n');
            }
            throw new AssertionError(why.append("pytest log: ").append(out.resolve("pytest.log")).toString());
        }
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
