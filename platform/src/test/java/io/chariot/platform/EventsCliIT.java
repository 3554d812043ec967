package io.chariot.platform;

import io.chariot.cli.events.EventsCli;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import javax.sql.DataSource;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.chariot.platform.ExplorerApiIT.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code ./chariot events}, the explorer's command-line twin, against the running platform: an auditor finds from a
 * terminal who changed a risk, when, through which request, and what it looked like before; tails and follows the
 * stream, exports it; and gets one line and a non-zero exit code for what cannot be answered.
 */
class EventsCliIT extends PlatformIntegrationTest {

    @Autowired
    DataSource dataSource;

    record Run(int exit, String out, String err) {
    }

    @Test
    void anAuditorAnswersWhoChangedARiskWhenThroughWhichRequestAndWhatItWasBefore() {
        ChariotClient alice = newTenant();
        String asset = "#asset#cli.example#10.8.8.8";
        ok(alice.put("/asset", "{\"group\":\"cli.example\",\"identifier\":\"10.8.8.8\",\"status\":\"A\"}"));
        String risk = ok(alice.put("/risk", "{\"key\":\"" + asset + "\",\"name\":\"CVE-2024-8888\",\"status\":\"TH\","
                + "\"source\":\"\"}")).json().get("risks").get(0).get("key").asText();
        var change = ok(alice.put("/risk", "{\"key\":\"" + risk + "\",\"status\":\"OH\",\"comment\":\"confirmed\"}"));

        Run history = run(alice, "history", risk);
        assertThat(history.exit()).as(history.err()).isZero();
        assertThat(history.out()).contains("Risk " + risk + " of " + alice.tenant).contains("RiskOpened")
                .contains("RiskStatusChanged").contains("by " + alice.tenant).contains("PUT /risk")
                .contains("correlation " + change.requestId()).contains("\"to\":\"OH\"");

        String changedId = ExplorerApiIT.all(alice, "type=RiskStatusChanged").get(0).get("id").asText();
        Run show = run(alice, "show", changedId);
        assertThat(show.exit()).as(show.err()).isZero();
        assertThat(show.out()).containsPattern("Who: +" + alice.tenant.replace(".", "\\."))
                .containsPattern("Request: +PUT /risk").containsPattern("Command: +UpdateRisk")
                .containsPattern("Correlation id: +" + change.requestId());

        Run before = run(alice, "state", risk, "--version", "0");
        assertThat(before.exit()).as(before.err()).isZero();
        assertThat(before.out()).contains("as of version 0").contains("\"status\" : \"TH\"");
        Run now = run(alice, "state", risk);
        assertThat(now.out()).contains("\"status\" : \"OH\"");
    }

    @Test
    void tailShowsTheNewestEventsAndFollowPrintsNewOnesAsTheyAreStored() {
        ChariotClient alice = newTenant();
        for (int i = 0; i < 3; i++) {
            ok(alice.put("/asset", "{\"group\":\"tail.example\",\"identifier\":\"10.9.9." + i + "\",\"status\":\"A\"}"));
        }
        Run tail = run(alice, "tail", "--lines", "2", "--aggregate-type", "Asset");
        assertThat(tail.exit()).as(tail.err()).isZero();
        List<String> lines = tail.out().lines().toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).contains("#asset#tail.example#10.9.9.1");
        assertThat(lines.get(1)).contains("#asset#tail.example#10.9.9.2").contains("AssetDiscovered")
                .contains("PUT /asset");

        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CompletableFuture<Integer> follow = CompletableFuture.supplyAsync(() -> cli(out, err).execute(args(alice,
                "tail", "--follow", "--lines", "0", "--interval", "0.2", "--follow-events", "2",
                "--aggregate-type", "Asset")));
        // the follower may not have read the head yet when the first write lands: write until two showed
        int[] written = {0};
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> {
            ok(alice.put("/asset", "{\"group\":\"tail.example\",\"identifier\":\"10.9.8." + written[0]++
                    + "\",\"status\":\"A\"}"));
            return follow.isDone();
        });
        assertThat(follow.join()).as(err.toString()).isZero();
        List<String> followed = out.toString().lines().toList();
        assertThat(followed).hasSize(2).doesNotHaveDuplicates()
                .allSatisfy(l -> assertThat(l).contains("AssetDiscovered").contains("#asset#tail.example#10.9.8."));
    }

    @Test
    void followPrintsAnEventWhoseTransactionCommitsLongAfterALaterOne() throws SQLException {
        ChariotClient alice = newTenant();
        String type = "LateProbe" + UUID.randomUUID().toString().substring(0, 8);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        try (Connection slow = dataSource.getConnection(); Connection quick = dataSource.getConnection()) {
            insertProbe(quick, alice, type, "head");
            CompletableFuture<Integer> follow = CompletableFuture.supplyAsync(() -> cli(out, err).execute(args(alice,
                    "tail", "--follow", "--lines", "1", "--interval", "0.2", "--follow-events", "3",
                    "--aggregate-type", type)));
            // the head shows once the follower has read it: from here on it follows
            await().atMost(Duration.ofSeconds(30)).until(() -> out.toString().contains("#probe#head"));
            slow.setAutoCommit(false);
            insertProbe(slow, alice, type, "slow"); // takes its position now, visible only at its commit below
            insertProbe(quick, alice, type, "quick1");
            insertProbe(quick, alice, type, "quick2");
            await().atMost(Duration.ofSeconds(30)).until(() -> out.toString().contains("#probe#quick2"));
            // longer than a follower once waited for a position to settle (5 s); nothing uncommitted shows
            await().during(Duration.ofSeconds(7)).atMost(Duration.ofSeconds(10))
                    .until(() -> !out.toString().contains("#probe#slow"));
            slow.commit();
            assertThat(follow.orTimeout(30, TimeUnit.SECONDS).join()).as(err.toString()).isZero();
        }
        List<String> lines = out.toString().lines().toList();
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).contains("#probe#head");
        assertThat(lines.get(1)).contains("#probe#quick1");
        assertThat(lines.get(2)).contains("#probe#quick2");
        assertThat(lines.get(3)).contains("#probe#slow");
    }

    /** An event of an aggregate type nothing handles, written straight to the event store as Axon writes one. */
    private static void insertProbe(Connection c, ChariotClient tenant, String type, String name)
            throws SQLException {
        String id = UUID.randomUUID().toString();
        String key = "#probe#" + name + "#" + id;
        try (PreparedStatement s = c.prepareStatement("INSERT INTO domainEventEntry (aggregateIdentifier, "
                + "sequenceNumber, type, eventIdentifier, metaData, payload, payloadType, timeStamp) "
                + "VALUES (?, 0, ?, ?, ?, ?, ?, ?)")) {
            s.setString(1, tenant.tenant + key); // as the explorer finds a Chariot key in it
            s.setString(2, type);
            s.setString(3, id);
            s.setBytes(4, "{}".getBytes(StandardCharsets.UTF_8));
            s.setBytes(5, ("{\"tenant\":\"" + tenant.tenant + "\",\"key\":\"" + key + "\"}")
                    .getBytes(StandardCharsets.UTF_8));
            s.setString(6, "io.chariot.test." + type);
            s.setString(7, Instant.now().toString());
            s.executeUpdate();
        }
    }

    @Test
    void exportWritesTheFilterAsJsonLinesOrCsv(@TempDir Path dir) throws IOException {
        ChariotClient alice = newTenant();
        ok(alice.put("/asset", "{\"group\":\"export-cli.example\",\"identifier\":\"10.10.10.1\",\"status\":\"A\"}"));
        ok(alice.put("/asset", "{\"key\":\"#asset#export-cli.example#10.10.10.1\",\"status\":\"F\"}"));

        Run jsonl = run(alice, "export", "--since", "2020-01-01", "--format", "jsonl");
        assertThat(jsonl.exit()).as(jsonl.err()).isZero();
        assertThat(jsonl.out().lines().map(ExplorerApiIT::parse).map(e -> e.get("type").asText()))
                .containsSubsequence("AssetDiscovered", "AssetStatusChanged");
        Path csv = dir.resolve("events.csv");
        Run file = run(alice, "export", "--type", "AssetStatusChanged", "--format", "csv", "--output", csv.toString());
        assertThat(file.exit()).as(file.err()).isZero();
        List<String> rows = Files.readAllLines(csv);
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0)).startsWith("position,id,time,tenant");
        assertThat(rows.get(1)).contains(alice.tenant).contains("AssetStatusChanged");
    }

    @Test
    void whatCannotBeAnsweredIsOneLineAndANonZeroExit() {
        ChariotClient alice = newTenant();
        ChariotClient mallory = newTenant();
        ok(alice.put("/asset", "{\"group\":\"private-cli.example\",\"identifier\":\"10.11.11.1\",\"status\":\"A\"}"));
        String id = ExplorerApiIT.all(alice, "").get(0).get("id").asText();

        Run foreign = run(mallory, "show", id);
        assertThat(foreign.exit()).isEqualTo(1);
        assertThat(foreign.err().lines()).containsExactly("chariot events: no such event");
        assertThat(foreign.out()).isEmpty();
        Run otherTenant = run(mallory, "tail", "--tenant", alice.tenant);
        assertThat(otherTenant.exit()).isEqualTo(1);
        assertThat(otherTenant.err()).contains("only platform operators").doesNotContain(id);
        Run badTime = run(alice, "tail", "--since", "yesterday");
        assertThat(badTime.exit()).isEqualTo(2);
        assertThat(badTime.err().lines()).singleElement().asString().contains("since must be an ISO-8601 time");
        Run badKey = run(new String[] {"--api", alice.api, "--key-id", "nobody", "--key-secret", "wrong"}, "tail");
        assertThat(badKey.exit()).isEqualTo(3);
        assertThat(badKey.err().lines()).singleElement().asString().startsWith("chariot events: authentication failed");
        Run noCommand = run(alice);
        assertThat(noCommand.exit()).isEqualTo(2);
    }

    private static Run run(ChariotClient client, String... args) {
        return run(client.keyOptions(), args);
    }

    private static Run run(String[] options, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> all = new ArrayList<>(List.of(options));
        all.addAll(List.of(args));
        int exit = cli(out, err).execute(all.toArray(String[]::new));
        return new Run(exit, out.toString(), err.toString());
    }

    private static String[] args(ChariotClient client, String... args) {
        List<String> all = new ArrayList<>(List.of(client.keyOptions()));
        all.addAll(List.of(args));
        return all.toArray(String[]::new);
    }

    private static CommandLine cli(StringWriter out, StringWriter err) {
        CommandLine cli = EventsCli.commandLine(Map.of());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli;
    }
}
