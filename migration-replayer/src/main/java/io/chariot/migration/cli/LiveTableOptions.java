package io.chariot.migration.cli;

import io.chariot.migration.source.LegacyData;
import io.chariot.migration.source.LegacyRecord;
import io.chariot.migration.source.LiveTable;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.util.List;

/** Read the legacy table through the DynamoDB API (a parallel scan) instead of the export's dynamodb/ files. */
final class LiveTableOptions {

    @Option(names = "--table", required = true, paramLabel = "NAME",
            description = "Scan this live legacy table instead of reading SOURCE's dynamodb/ export.")
    String table;

    @Option(names = "--dynamodb-endpoint", paramLabel = "URL",
            description = "The legacy DynamoDB's endpoint (default: AWS's, with the usual AWS credentials).")
    String endpoint;

    @Option(names = "--region", paramLabel = "REGION", defaultValue = "us-east-2",
            description = "The table's region (default ${DEFAULT-VALUE}).")
    String region;

    @Option(names = "--segments", paramLabel = "N", defaultValue = "4",
            description = "Parallel scan segments (default ${DEFAULT-VALUE}).")
    int segments;

    void replaceTable(LegacyData data, PrintStream err) {
        if (segments < 1 || segments > 64) {
            throw new CliFailure(CliFailure.BAD_ARGUMENTS, "--segments must be 1..64");
        }
        try (var client = LiveTable.client(endpoint, region, System.getenv())) {
            List<LegacyRecord> scanned = LiveTable.scan(client, table, segments);
            data.records.removeIf(r -> r.store().equals("dynamodb"));
            data.checks.removeIf(c -> c.startsWith("dynamodb export"));
            data.records.addAll(scanned);
            data.checks.add("dynamodb table " + table + ": " + scanned.size() + " items scanned in " + segments
                    + " segments");
            data.name = data.name + "+table:" + table;
        }
    }
}
