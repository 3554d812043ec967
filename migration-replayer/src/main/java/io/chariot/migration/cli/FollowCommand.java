package io.chariot.migration.cli;

import io.chariot.migration.mapping.ImportPlan;
import io.chariot.migration.mapping.Planner;
import io.chariot.migration.mapping.Quarantined;
import io.chariot.migration.source.LegacyData;
import io.chariot.migration.source.LegacyRecord;
import io.chariot.migration.source.LiveTable;
import io.chariot.migration.store.EventStore;
import io.chariot.migration.store.Importer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeStreamRequest;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsRequest;
import software.amazon.awssdk.services.dynamodb.model.GetShardIteratorRequest;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code migrate follow}: tails the legacy table's DynamoDB Stream and turns each new or changed item into the events
 * its record lacks (the same mapping and deterministic identifiers as {@code run}, so repeating a change appends
 * nothing), until the stop file appears (the switch) or SIGTERM. Its position per shard is kept in
 * {@code migration_stream} after the events it covers are stored: a restarted follow goes on from there.
 */
@Command(name = "follow", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"For the cut-over window: tail the legacy table's DynamoDB Stream and import every change "
                + "continuously and idempotently, reporting the lag, until --stop-file exists or SIGTERM. Items "
                + "removed on the legacy side are written to the quarantine file (not applied)."})
final class FollowCommand implements Callable<Integer> {

    @CommandLine.ParentCommand
    MigrateCli cli;

    @Option(names = "--table", required = true, paramLabel = "NAME", description = "The legacy table (streams on).")
    String table;

    @Option(names = "--dynamodb-endpoint", paramLabel = "URL", description = "The legacy DynamoDB's endpoint.")
    String endpoint;

    @Option(names = "--region", paramLabel = "REGION", defaultValue = "us-east-2", description = "Default ${DEFAULT-VALUE}.")
    String region;

    @Option(names = "--stop-file", paramLabel = "FILE", description = "Stop once this file exists (the switch).")
    Path stopFile;

    @Option(names = "--idle-exit", paramLabel = "SECONDS", defaultValue = "0",
            description = "Stop after this long without a change (default: never).")
    int idleExit;

    @Option(names = "--poll-millis", paramLabel = "MS", defaultValue = "1000", description = "Default ${DEFAULT-VALUE}.")
    int pollMillis;

    @Option(names = "--quarantine", paramLabel = "FILE", defaultValue = "migration-follow-quarantine.jsonl",
            description = "Changes that could not be imported (JSON lines). Default: ${DEFAULT-VALUE}.")
    Path quarantine;

    @Override
    public Integer call() throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        Thread hook = new Thread(() -> stop.set(true));
        Runtime.getRuntime().addShutdownHook(hook);
        List<Quarantined> refused = new ArrayList<>();
        try (var dynamo = LiveTable.client(endpoint, region, cli.env);
             DynamoDbStreamsClient streams = LiveTable.streams(endpoint, region, cli.env);
             EventStore store = cli.eventStore(2)) {
            store.jdbc().execute("""
                    CREATE TABLE IF NOT EXISTS migration_stream (
                        stream_arn      TEXT NOT NULL,
                        shard_id        TEXT NOT NULL,
                        sequence_number TEXT,
                        PRIMARY KEY (stream_arn, shard_id)
                    )""");
            String arn = dynamo.describeTable(DescribeTableRequest.builder().tableName(table).build()).table()
                    .latestStreamArn();
            if (arn == null) {
                throw new CliFailure(CliFailure.FAILED, "table " + table + " has no stream (enable NEW_IMAGE)");
            }
            Importer importer = new Importer(store, new Importer.Options(2000, 1, 0, false));
            Map<String, String> iterators = new LinkedHashMap<>();
            long changes = 0;
            long appended = 0;
            Instant lastChange = Instant.now();
            cli.out.println("follow: tailing " + arn);
            while (!stop.get() && (stopFile == null || !Files.exists(stopFile))) {
                openShards(streams, store, arn, iterators);
                int seen = 0;
                Instant newest = null;
                for (String shard : new ArrayList<>(iterators.keySet())) {
                    String iterator = iterators.get(shard);
                    if (iterator == null) {
                        continue;
                    }
                    var response = streams.getRecords(GetRecordsRequest.builder().shardIterator(iterator).limit(1000)
                            .build());
                    List<Record> records = response.records();
                    if (!records.isEmpty()) {
                        LegacyData data = new LegacyData();
                        data.name = "stream:" + table;
                        // a batch can hold several images of one item: its newest holds the earlier ones' history
                        Map<String, LegacyRecord> images = new LinkedHashMap<>();
                        for (Record r : records) {
                            var change = r.dynamodb();
                            if (r.eventNameAsString().equals("REMOVE")) {
                                var old = LiveTable.record(table, change.oldImage());
                                refused.add(new Quarantined("stream " + change.sequenceNumber(), old.type(),
                                        old.tenant(), old.key(), "removed on the legacy platform during the cut-over: "
                                        + "not applied (remove it after the switch)", false, old.fields().toString()));
                            } else {
                                LegacyRecord image = LiveTable.record(table, change.newImage());
                                String item = image.tenant() + "\n" + image.key();
                                images.remove(item);
                                images.put(item, image);
                            }
                            if (change.approximateCreationDateTime() != null) {
                                newest = change.approximateCreationDateTime();
                            }
                        }
                        data.records.addAll(images.values());
                        ImportPlan plan = Planner.plan(data);
                        refused.addAll(plan.quarantine);
                        Importer.Result result = importer.run(plan, done -> { });
                        String last = records.get(records.size() - 1).dynamodb().sequenceNumber();
                        store.jdbc().update("""
                                INSERT INTO migration_stream (stream_arn, shard_id, sequence_number) VALUES (?, ?, ?)
                                ON CONFLICT (stream_arn, shard_id) DO UPDATE SET sequence_number = excluded.sequence_number""",
                                arn, shard, last);
                        seen += records.size();
                        appended += result.eventsAppended();
                    }
                    iterators.put(shard, response.nextShardIterator());
                }
                if (seen > 0) {
                    changes += seen;
                    lastChange = Instant.now();
                    Reports.writeQuarantine(quarantine, refused);
                    cli.out.printf(Locale.ROOT, "follow: %,d changes, %,d events appended, %,d not imported; lag %s%n",
                            changes, appended, refused.size(), newest == null ? "?"
                                    : Duration.between(newest, Instant.now()).toMillis() / 1000.0 + " s");
                } else {
                    if (idleExit > 0 && Duration.between(lastChange, Instant.now()).getSeconds() >= idleExit) {
                        break;
                    }
                    Thread.sleep(pollMillis);
                }
            }
            Reports.writeQuarantine(quarantine, refused);
            cli.out.printf(Locale.ROOT, "follow: stopped after %,d changes, %,d events appended%n", changes, appended);
            return 0;
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // shutting down already
            }
        }
    }

    /** Adds an iterator for every shard not followed yet: after its saved position, or from its oldest record. */
    private static void openShards(DynamoDbStreamsClient streams, EventStore store, String arn,
                                   Map<String, String> iterators) {
        List<Shard> shards = streams.describeStream(DescribeStreamRequest.builder().streamArn(arn).build())
                .streamDescription().shards();
        for (Shard shard : shards) {
            if (iterators.containsKey(shard.shardId())) {
                continue;
            }
            List<String> saved = store.jdbc().queryForList("SELECT sequence_number FROM migration_stream WHERE "
                    + "stream_arn = ? AND shard_id = ?", String.class, arn, shard.shardId());
            var request = GetShardIteratorRequest.builder().streamArn(arn).shardId(shard.shardId());
            if (!saved.isEmpty() && saved.get(0) != null) {
                request.shardIteratorType(ShardIteratorType.AFTER_SEQUENCE_NUMBER).sequenceNumber(saved.get(0));
            } else {
                request.shardIteratorType(ShardIteratorType.TRIM_HORIZON);
            }
            iterators.put(shard.shardId(), streams.getShardIterator(request.build()).shardIterator());
        }
    }
}
