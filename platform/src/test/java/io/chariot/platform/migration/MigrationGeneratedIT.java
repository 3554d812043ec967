package io.chariot.platform.migration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chariot.infra.local.StackEndpoints;
import io.chariot.migration.bench.GeneratedExport;
import io.chariot.platform.ChariotClient;
import io.chariot.platform.PlatformIntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.chariot.platform.migration.MigrationSupport.cli;
import static io.chariot.platform.migration.MigrationSupport.env;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A generated export, larger and messier than the sample (unicode and punycode names, upper-case keys, 200-entry
 * histories, reopened risks, duplicate edges, malformed records of every kind), imported into a platform that already
 * has a live record of one of its tenants: everything importable verifies, every malformed record and the live
 * conflict land in the quarantine file with their reasons, and a changed checksum refuses the whole source.
 */
class MigrationGeneratedIT extends PlatformIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;

    @Test
    void aMessyExportImportsVerifiesAndQuarantinesWhatItMust() throws Exception {
        Path source = work.resolve("export");
        GeneratedExport export = new GeneratedExport(11, 2, 120, 60, true);
        GeneratedExport.Written written = export.write(source);
        StackEndpoints stack = endpoints();
        String tenant = written.tenants().get(1);
        // a record the platform already holds (a live asset the export also has): the import must not touch it
        var live = clientFor(tenant).put("/asset", "{\"group\":\"gen1.example.com\",\"identifier\":"
                + "\"host1.gen1.example.com\",\"status\":\"A\",\"type\":\"asset\"}");
        assertThat(live.status()).isEqualTo(200);

        Path quarantine = work.resolve("q.jsonl");
        Map<String, String> env = env(stack, null, MigrationSupport.operatorKey(commands, OPERATOR));
        var run = cli(env, work, "run", source.toString(), "--quarantine", quarantine.toString());
        assertThat(run.exit()).as(run.all()).isZero();
        assertThat(run.out()).contains("1 refused as conflicts");

        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(quarantine)) {
            lines.add(JSON.readTree(line));
        }
        assertThat(lines).extracting(q -> q.path("reason").asText()).contains(
                "no tenant (username)", "status 'ZZ' is not an asset status",
                "invalid: key must not contain NUL (U+0000) characters", "history is not JSON",
                "its asset #asset#nowhere.example#nowhere.example is not imported (not in the export, or quarantined)",
                "invalid: port must be between 1 and 65535: 99999",
                "not a DynamoDB JSON item: attribute bad has unknown type Q");
        assertThat(lines).filteredOn(q -> q.path("type").asText().equals("unreadable")).hasSize(2);
        assertThat(lines).filteredOn(q -> q.path("type").asText().equals("conflict"))
                .singleElement().satisfies(q -> {
                    assertThat(q.path("key").asText()).isEqualTo("#asset#gen1.example.com#host1.gen1.example.com");
                    assertThat(q.path("reason").asText()).contains("importing into a live aggregate is refused");
                });

        // one record differs for good, so verify itself would wait its whole --wait: poll it until the read models
        // caught up with everything else instead
        String api = "http://127.0.0.1:" + port;
        var verify = await().atMost(Duration.ofSeconds(420)).pollInterval(Duration.ofSeconds(2))
                .until(() -> cli(env, work, "verify", source.toString(), "--api", api, "--wait", "0"),
                        v -> v.out().contains(" matched, 1 mismatched, 1 missing, "));
        // the conflicting asset keeps its live state (not the legacy history and surface) and its port was not
        // imported with it: verify says so and fails; everything else matches
        assertThat(verify.exit()).as(verify.all()).isEqualTo(1);
        assertThat(verify.out()).contains(" matched, 1 mismatched, 1 missing, ");
        assertThat(verify.out().lines().filter(l -> l.startsWith("mismatch ") || l.startsWith("missing ")))
                .isNotEmpty().allMatch(l -> l.contains("#host1.gen1.example.com"));

        // the import's legacy times run every which way: still, with no write after it, every live read model's
        // stored position reaches the topic's end (ADR 0027: records in fetch order; sorted by time, positions
        // trailed what was applied and the lag stood still)
        ChariotClient ops = clientFor(OPERATOR);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            JsonNode projections = ops.get("/admin/projections").json().get("projections");
            List<String> behind = new ArrayList<>();
            projections.forEach(p -> {
                if (p.path("state").asText().equals("live") && p.path("lag").asLong(-1) != 0) {
                    behind.add(p.path("name").asText() + " " + p.path("lag"));
                }
            });
            assertThat(behind).as("live read models whose stored position trails the topic").isEmpty();
        });
    }

    @Test
    void aDataFileWhoseChecksumDiffersRefusesTheWholeSource() throws Exception {
        Path source = work.resolve("tampered");
        new GeneratedExport(12, 1, 20, 0, false).write(source);
        Path manifest;
        try (var files = Files.walk(source)) {
            manifest = files.filter(p -> p.getFileName().toString().equals("manifest-files.json")).findFirst()
                    .orElseThrow();
        }
        Files.writeString(manifest, Files.readString(manifest).replaceAll("\"md5Checksum\": \"[0-9a-f]+\"",
                "\"md5Checksum\": \"00000000000000000000000000000000\""));
        var plan = cli(env(endpoints(), null, null), work, "plan", source.toString(), "--quarantine",
                work.resolve("t.jsonl").toString());
        assertThat(plan.exit()).isEqualTo(1);
        assertThat(plan.err().strip()).startsWith("chariot migrate: source refused: generated.json.gz: MD5 ")
                .doesNotContain("\n");
    }
}
