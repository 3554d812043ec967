package io.chariot.migration.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * A source folder laid out like the legacy platform's exports: {@code dynamodb/AWSDynamoDB/<export-id>/} (an
 * "Export to S3" in DYNAMODB_JSON: {@code manifest-summary.json}, {@code manifest-files.json} with one line per
 * gzipped data file, its item count and MD5) and {@code neo4j/graph.jsonl} (apoc.export.json as JSON lines). Either
 * part may be missing. A data file whose checksum or item count disagrees with its manifest, a listed file that is
 * missing, or a data file no manifest lists fails the whole source ({@link SourceException}); a line that is not a
 * record becomes a {@link SourceProblem}.
 */
public final class ExportFolder {

    private ExportFolder() {
    }

    public static LegacyData read(Path source) {
        if (!Files.isDirectory(source)) {
            throw new SourceException("source " + source + " is not a folder");
        }
        LegacyData data = new LegacyData();
        Path dynamo = source.resolve("dynamodb");
        Path graph = source.resolve("neo4j").resolve("graph.jsonl");
        if (!Files.isDirectory(dynamo) && !Files.isRegularFile(graph)) {
            throw new SourceException("source " + source + " holds neither dynamodb/ nor neo4j/graph.jsonl");
        }
        List<String> exportIds = new ArrayList<>();
        if (Files.isDirectory(dynamo)) {
            exportIds.addAll(readDynamoDb(dynamo, data));
        }
        if (Files.isRegularFile(graph)) {
            readGraph(source, graph, data);
        }
        data.name = "export:" + (exportIds.isEmpty() ? source.getFileName() : String.join("+", exportIds));
        return data;
    }

    private static List<String> readDynamoDb(Path dynamo, LegacyData data) {
        Path exports = dynamo.resolve("AWSDynamoDB");
        List<Path> folders;
        try (Stream<Path> s = Files.list(exports)) {
            folders = s.filter(Files::isDirectory).sorted().toList();
        } catch (IOException e) {
            throw new SourceException("no DynamoDB export under " + exports, e);
        }
        if (folders.isEmpty()) {
            throw new SourceException("no DynamoDB export under " + exports);
        }
        List<String> ids = new ArrayList<>();
        for (Path folder : folders) {
            ids.add(folder.getFileName().toString());
            readExport(dynamo, folder, data);
        }
        return ids;
    }

    private static void readExport(Path dynamo, Path folder, LegacyData data) {
        Path summaryFile = folder.resolve("manifest-summary.json");
        Path filesManifest = folder.resolve("manifest-files.json");
        JsonNode summary;
        try {
            summary = Json.MAPPER.readTree(summaryFile.toFile());
        } catch (IOException e) {
            throw new SourceException("cannot read " + summaryFile + ": " + e.getMessage(), e);
        }
        String format = summary.path("exportFormat").asText(summary.path("outputFormat").asText(""));
        if (!format.equals("DYNAMODB_JSON")) {
            throw new SourceException(summaryFile + ": export format " + format + " (only DYNAMODB_JSON is read)");
        }
        long expectedTotal = summary.path("itemCount").asLong(-1);
        long total = 0;
        Set<Path> listed = new LinkedHashSet<>();
        List<String> lines;
        try {
            lines = Files.readAllLines(filesManifest, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new SourceException("cannot read " + filesManifest + ": " + e.getMessage(), e);
        }
        for (String line : lines) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode entry;
            try {
                entry = Json.MAPPER.readTree(line);
            } catch (IOException e) {
                throw new SourceException(filesManifest + ": a line is not JSON: " + message(e));
            }
            Path file = dynamo.resolve(entry.path("dataFileS3Key").asText()).normalize();
            if (!file.startsWith(dynamo.normalize()) || !Files.isRegularFile(file)) {
                throw new SourceException(filesManifest + " lists " + entry.path("dataFileS3Key").asText()
                        + ", which is missing");
            }
            listed.add(file);
            long items = readDataFile(dynamo, file, entry.path("md5Checksum").asText(), data);
            long expected = entry.path("itemCount").asLong(-1);
            if (items != expected) {
                throw new SourceException(file.getFileName() + " holds " + items + " items, its manifest says "
                        + expected);
            }
            total += items;
        }
        if (total != expectedTotal) {
            throw new SourceException(summaryFile + " says " + expectedTotal + " items, the data files hold " + total);
        }
        try (Stream<Path> s = Files.list(folder.resolve("data"))) {
            for (Path f : s.sorted().toList()) {
                if (!listed.contains(f.normalize())) {
                    throw new SourceException(f + " is in the export but in no manifest");
                }
            }
        } catch (IOException e) {
            throw new SourceException("cannot list " + folder.resolve("data"), e);
        }
        data.checks.add("dynamodb export " + folder.getFileName() + ": " + listed.size() + " data file(s), "
                + total + " items, manifests and MD5 checksums match");
    }

    /** Reads one gzipped data file, checking its MD5 over the compressed bytes as the manifest gives it. */
    private static long readDataFile(Path dynamo, Path file, String md5, LegacyData data) {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        String name = dynamo.getParent().relativize(file).toString();
        long count = 0;
        List<LegacyRecord> read = new ArrayList<>();
        List<SourceProblem> bad = new ArrayList<>();
        try (InputStream raw = new DigestInputStream(Files.newInputStream(file), digest);
             BufferedReader reader = new BufferedReader(new InputStreamReader(new GZIPInputStream(raw, 1 << 16),
                     StandardCharsets.UTF_8), 1 << 16)) {
            String line;
            int lineNo = 0;
            while ((line = reader.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                count++;
                String origin = name + ":" + lineNo;
                try {
                    JsonNode node = Json.MAPPER.readTree(line);
                    JsonNode item = node.get("Item");
                    if (item == null || !item.isObject()) {
                        bad.add(new SourceProblem(origin, "line has no Item object", line));
                        continue;
                    }
                    read.add(new LegacyRecord(origin, "dynamodb", null, List.of(), DynamoDbJson.item(item)));
                } catch (IOException | IllegalArgumentException e) {
                    bad.add(new SourceProblem(origin, "not a DynamoDB JSON item: " + message(e), line));
                }
            }
            raw.transferTo(OutputStreamSink.INSTANCE);
        } catch (IOException e) {
            throw new SourceException("cannot read " + file + ": " + e.getMessage(), e);
        }
        String actual = HexFormat.of().formatHex(digest.digest());
        if (!actual.equalsIgnoreCase(md5)) {
            throw new SourceException(file.getFileName() + ": MD5 " + actual + " differs from the manifest's " + md5);
        }
        data.records.addAll(read);
        data.problems.addAll(bad);
        return count;
    }

    private static void readGraph(Path source, Path graph, LegacyData data) {
        String name = source.relativize(graph).toString();
        long nodes = 0;
        long edges = 0;
        try (BufferedReader reader = Files.newBufferedReader(graph, StandardCharsets.UTF_8)) {
            String line;
            int lineNo = 0;
            while ((line = reader.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                String origin = name + ":" + lineNo;
                try {
                    JsonNode node = Json.MAPPER.readTree(line);
                    String type = node.path("type").asText();
                    if (type.equals("node")) {
                        List<String> labels = new ArrayList<>();
                        node.path("labels").forEach(l -> labels.add(l.asText()));
                        JsonNode props = node.get("properties");
                        data.records.add(new LegacyRecord(origin, "neo4j", node.path("id").asText(),
                                List.copyOf(labels), props instanceof ObjectNode o ? o : Json.MAPPER.createObjectNode()));
                        nodes++;
                    } else if (type.equals("relationship")) {
                        JsonNode props = node.path("properties");
                        data.edges.add(new LegacyEdge(origin, node.path("label").asText(),
                                node.path("start").path("id").asText(null), node.path("end").path("id").asText(null),
                                props.path("created").asText(null), props.path("capability").asText(null)));
                        edges++;
                    } else {
                        data.problems.add(new SourceProblem(origin, "neither a node nor a relationship", line));
                    }
                } catch (IOException e) {
                    data.problems.add(new SourceProblem(origin, "not JSON: " + message(e), line));
                }
            }
        } catch (IOException e) {
            throw new SourceException("cannot read " + graph + ": " + e.getMessage(), e);
        }
        data.checks.add("neo4j export " + name + ": " + nodes + " nodes, " + edges + " relationships");
    }

    private static String message(Exception e) {
        String m = e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage()
                : e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m.length() > 200 ? m.substring(0, 200) : m;
    }

    /** Drains the rest of the compressed stream (the gzip trailer) so the digest covers the whole file. */
    private static final class OutputStreamSink extends java.io.OutputStream {
        static final OutputStreamSink INSTANCE = new OutputStreamSink();

        @Override
        public void write(int b) {
        }

        @Override
        public void write(byte[] b, int off, int len) {
        }
    }
}
