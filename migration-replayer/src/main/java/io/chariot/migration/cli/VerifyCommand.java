package io.chariot.migration.cli;

import io.chariot.migration.mapping.ImportPlan;
import io.chariot.migration.mapping.Planner;
import io.chariot.migration.verify.QueryApi;
import io.chariot.migration.verify.Verifier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "verify", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Compare every imported legacy record with what the query API returns for it (status, history, "
                + "tags, targets, …) and report matched, mismatched (with the differing fields), missing and "
                + "quarantined. Waits up to --wait seconds for the read models to catch up. Exit 1 on any mismatch "
                + "or missing record. The key must be a platform operator's (chariot.operators): it reads each "
                + "tenant with the account header."})
final class VerifyCommand implements Callable<Integer> {

    @CommandLine.ParentCommand
    MigrateCli cli;

    @CommandLine.Mixin
    MigrateCli.SourceOptionsMixin sourceOptions;

    @Option(names = "--api", paramLabel = "URL", description = "The platform's base URL. Default: env CHARIOT_API, "
            + "else <work-dir>/platform.url (written by ./chariot up), else http://127.0.0.1:8080.")
    String api;

    @Option(names = "--key-id", paramLabel = "ID", description = "An operator's API key id. Default: env "
            + "CHARIOT_API_KEY_ID, else CHARIOT_BOOTSTRAP_API_KEY_ID (environment or <work-dir>/dev-credentials.env).")
    String keyId;

    @Option(names = "--key-secret", paramLabel = "SECRET", description = "Its secret (CHARIOT_API_KEY_SECRET, …).")
    String keySecret;

    @Option(names = "--wait", paramLabel = "SECONDS", defaultValue = "300",
            description = "Keep comparing until everything matches or this long has passed (default ${DEFAULT-VALUE}).")
    int waitSeconds;

    @Option(names = "--show", paramLabel = "N", defaultValue = "20",
            description = "Print at most N mismatched and N missing records (default ${DEFAULT-VALUE}).")
    int show;

    @Override
    public Integer call() throws InterruptedException {
        ImportPlan plan = Planner.plan(sourceOptions.read(cli.err));
        String id = credential(keyId, "ID");
        String secret = credential(keySecret, "SECRET");
        if (id == null || secret == null) {
            throw new CliFailure(CliFailure.AUTHENTICATION, "no API key: give --key-id/--key-secret or set "
                    + "CHARIOT_API_KEY_ID/CHARIOT_API_KEY_SECRET");
        }
        QueryApi queries = new QueryApi(api(), id, secret);
        Verifier verifier = new Verifier(queries);
        long deadline = System.nanoTime() + waitSeconds * 1_000_000_000L;
        Verifier.Result result;
        while (true) {
            try {
                queries.authenticate();
                result = verifier.verify(plan.expected());
            } catch (QueryApi.ApiException e) {
                throw new CliFailure(e.status == 0 ? CliFailure.UNREACHABLE : e.status == 401 || e.status == 403
                        ? CliFailure.AUTHENTICATION : CliFailure.FAILED, e.getMessage());
            }
            if (result.clean() || System.nanoTime() > deadline) {
                break;
            }
            cli.err.printf(Locale.ROOT, "verify: %,d matched, %,d mismatched, %,d missing; waiting for the read "
                    + "models%n", result.matched(), result.mismatched().size(), result.missing().size());
            Thread.sleep(2000);
        }
        result.byKind().forEach((kind, c) -> cli.out.printf(Locale.ROOT, "%-14s %,9d matched %,7d mismatched %,7d "
                + "missing%n", kind, c[0], c[1], c[2]));
        Verifier.lines(result, show).forEach(cli.out::println);
        long partial = plan.quarantine.stream().filter(q -> q.partial()).count();
        cli.out.printf(Locale.ROOT, "verify: %,d matched, %,d mismatched, %,d missing, %,d quarantined (and %,d parts "
                        + "of imported records no event carries; see the plan's quarantine file)%n", result.matched(),
                result.mismatched().size(), result.missing().size(), plan.quarantinedRecords(), partial);
        return result.clean() ? 0 : CliFailure.FAILED;
    }

    private String api() {
        String url = api;
        if (blank(url)) {
            url = cli.env.get("CHARIOT_API");
        }
        Path file = cli.workDir().resolve("platform.url");
        if (blank(url) && Files.isRegularFile(file)) {
            try {
                url = Files.readString(file).trim();
            } catch (IOException e) {
                url = null;
            }
        }
        url = blank(url) ? "http://127.0.0.1:8080" : url.trim();
        if (!url.startsWith("http://") && !url.startsWith("https://")) {
            throw new CliFailure(CliFailure.BAD_ARGUMENTS, "--api must be an http:// or https:// URL, not '" + url + "'");
        }
        return url;
    }

    private String credential(String option, String name) {
        if (!blank(option)) {
            return option;
        }
        String value = cli.env.get("CHARIOT_API_KEY_" + name);
        if (blank(value)) {
            value = cli.env.get("CHARIOT_BOOTSTRAP_API_KEY_" + name);
        }
        if (blank(value)) {
            value = devCredentials().get("CHARIOT_BOOTSTRAP_API_KEY_" + name);
        }
        return blank(value) ? null : value;
    }

    private Map<String, String> devCredentials() {
        Map<String, String> values = new HashMap<>();
        Path file = cli.workDir().resolve("dev-credentials.env");
        if (!Files.isRegularFile(file)) {
            return values;
        }
        try {
            for (String line : Files.readAllLines(file)) {
                int eq = line.indexOf('=');
                if (eq > 0 && !line.startsWith("#")) {
                    values.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
                }
            }
        } catch (IOException e) {
            // unreadable: as if absent
        }
        return values;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
