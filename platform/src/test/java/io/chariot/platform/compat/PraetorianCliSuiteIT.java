package io.chariot.platform.compat;

import io.chariot.api.account.SecretHash;
import io.chariot.api.account.AccountCommands.IssueApiKey;
import io.chariot.platform.PlatformIntegrationTest;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.util.FileSystemUtils;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.fail;

/**
 * praetorian-cli 2.4.8's <b>own</b> test suite — the {@code coherence} (SDK) and {@code cli} markers, as Praetorian
 * runs them against their live backend — against this platform on the real servers. The client is the contract:
 * the test fails on any failing client test not listed in {@code docs/compatibility.md}, and on any listed test that
 * no longer fails (the list must stay true).
 *
 * <p>The run: a fresh tenant with an admin API key; a keychain profile for it in a temporary {@code HOME}; the
 * platform behind {@link TlsFrontDoor} (the suite checks for an https API-gateway URL); {@code python3 -m pytest}
 * from a writable temporary directory with the client tree and the stubs of {@code praetorian-cli-stubs/} on
 * {@code PYTHONPATH}, the {@code guard}/{@code praetorian} console scripts on {@code PATH}, no cache and no bytecode
 * written into the tree. pytest's JUnit XML gives each test's outcome; it and the log stay in
 * {@code target/praetorian-cli-suite/}.
 *
 * <p>Without the tree, python3 or the client's dependencies it is skipped with one line — unless
 * {@code CHARIOT_REQUIRE_COMPAT=1} (CI), where that is a failure.
 */
class PraetorianCliSuiteIT extends PlatformIntegrationTest {

    private static final String PROFILE = "chariot-compat";
    private static final Duration SUITE_LIMIT = Duration.ofMinutes(20);

    @Test
    void theClientsOwnSuitePassesExceptForTheTestsListedInTheCompatibilityDocument() throws Exception {
        Path root = Path.of(System.getProperty("chariot.root", "..")).toAbsolutePath().normalize();
        ClientTree.Located client = ClientTree.locate(root, System.getenv("CHARIOT_COMPAT_CLIENT"));
        String problem = client.problem() != null ? client.problem() : ClientTree.pythonProblem().orElse(null);
        if (problem != null) {
            if ("1".equals(System.getenv("CHARIOT_REQUIRE_COMPAT"))) {
                fail("praetorian-cli suite cannot run and CHARIOT_REQUIRE_COMPAT=1: " + problem);
            }
            System.out.println("PraetorianCliSuiteIT skipped: " + problem);
            Assumptions.abort(problem);
        }
        CompatibilityList known = CompatibilityList.read(root.resolve("docs/compatibility.md"));

        Path work = Files.createTempDirectory("praetorian-cli-suite");
        Path out = Path.of("target", "praetorian-cli-suite").toAbsolutePath();
        Files.createDirectories(out);
        Files.deleteIfExists(out.resolve("junit.xml"));
        Target target = Target.fromEnvironment(port);
        try (TlsFrontDoor frontDoor = TlsFrontDoor.open(work, target.port())) {
            long started = System.nanoTime();
            int exit = runSuite(client.tree(), work, out, frontDoor, target);
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            judge(known, exit, out, took);
        } finally {
            FileSystemUtils.deleteRecursively(work);
        }
    }

    /**
     * Where the suite runs: this test's own platform, or — with {@code CHARIOT_COMPAT_TARGET} (a base URL, e.g. the
     * edge of {@code ./chariot up --distributed}) and an admin key of it ({@code CHARIOT_COMPAT_TARGET_TENANT},
     * {@code _KEY_ID}, {@code _KEY_SECRET}) — a platform running elsewhere, through the same TLS front door.
     */
    private record Target(int port, String tenant, String keyId, String keySecret) {
        static Target fromEnvironment(int ownPort) {
            String url = System.getenv("CHARIOT_COMPAT_TARGET");
            if (url == null || url.isBlank()) {
                return new Target(ownPort, "compat-" + UUID.randomUUID().toString().substring(0, 8)
                        + "@praetorian.com", null, null);
            }
            System.out.println("PraetorianCliSuiteIT runs against " + url);
            return new Target(java.net.URI.create(url).getPort(), System.getenv("CHARIOT_COMPAT_TARGET_TENANT"),
                    System.getenv("CHARIOT_COMPAT_TARGET_KEY_ID"), System.getenv("CHARIOT_COMPAT_TARGET_KEY_SECRET"));
        }
    }

    private int runSuite(Path tree, Path work, Path out, TlsFrontDoor frontDoor, Target target) throws Exception {
        Path home = Files.createDirectories(work.resolve("home"));
        Path run = Files.createDirectories(work.resolve("run"));
        Path bin = Files.createDirectories(work.resolve("bin"));
        writeKeychain(home, frontDoor.api(), target);
        // setup.cfg's console_scripts, as an install would make them
        consoleScript(bin, "praetorian", "main");
        consoleScript(bin, "guard", "guard_main");
        Path stubs = Path.of(getClass().getResource("/praetorian-cli-stubs").toURI());
        Path tests = tree.resolve("praetorian_cli/sdk/test");

        ProcessBuilder pytest = new ProcessBuilder("python3", "-m", "pytest", "-p", "no:cacheprovider",
                "-m", "coherence or cli", tests.toString(),
                // ui/ holds only `tui` tests; collecting them would need rich and textual
                "--ignore=" + tests.resolve("ui"),
                "--junitxml=" + out.resolve("junit.xml"), "-o", "junit_family=xunit2", "-q", "-rfE",
                "--durations=10")
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
            fail("praetorian-cli suite did not finish within " + SUITE_LIMIT.toMinutes() + " min; see "
                 + out.resolve("pytest.log"));
        }
        return process.exitValue();
    }

    private void writeKeychain(Path home, String api, Target target) throws IOException {
        String tenant = target.tenant();
        String keyId = target.keyId();
        String secret = target.keySecret();
        if (keyId == null) {
            keyId = UUID.randomUUID().toString();
            secret = SecretHash.newSecret();
            commands.sendAndWait(new IssueApiKey(keyId, tenant, "praetorian-cli suite", SecretHash.of(secret),
                    "admin", null, "test"));
        }
        Path dir = Files.createDirectories(home.resolve(".praetorian"));
        // username: the SDK names the current principal by it (webhook URLs, is_praetorian_user)
        Files.writeString(dir.resolve("keychain.ini"), String.join("\n",
                "[" + PROFILE + "]",
                "name = chariot",
                "client_id = chariot-compat",
                "api = " + api,
                "username = " + tenant,
                "api_key_id = " + keyId,
                "api_key_secret = " + secret, ""));
    }

    private static void consoleScript(Path bin, String name, String function) throws IOException {
        Path script = bin.resolve(name);
        Files.writeString(script, "#!/bin/sh\nexec python3 -c 'import sys; from praetorian_cli.main import "
                                  + function + "; sys.argv[0] = \"" + name + "\"; sys.exit(" + function + "())' \"$@\"\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private static void judge(CompatibilityList known, int exit, Path out, Duration took) {
        Path junit = out.resolve("junit.xml");
        // 0: all passed, 1: some failed; anything else (interrupted, usage, nothing collected) is a broken run
        if ((exit != 0 && exit != 1) || !Files.exists(junit)) {
            fail("pytest exited " + exit + " without a usable report; see " + out.resolve("pytest.log"));
        }
        SuiteReport report = SuiteReport.read(junit);
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
                          + "docs/compatibility.md, %d of them as intermittent), %d skipped in %d s; report %s%n",
                passed.size(), failed.size(), failed.size() - unexpected.size(), intermittentFailures,
                skipped.size(), took.toSeconds(), junit);
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
            fail(why.append("pytest log: ").append(out.resolve("pytest.log")).toString());
        }
    }
}
