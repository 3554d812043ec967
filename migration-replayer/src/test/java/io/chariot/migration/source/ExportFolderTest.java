package io.chariot.migration.source;

import io.chariot.migration.bench.GeneratedExport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExportFolderTest {

    @TempDir
    Path dir;

    @Test
    void anExportWhoseManifestsMatchIsReadWithItsBrokenLinesAsProblems() throws Exception {
        GeneratedExport.Written written = new GeneratedExport(5, 1, 30, 0, true).write(dir);

        LegacyData data = ExportFolder.read(dir);

        assertThat(data.records).hasSize((int) written.records());
        assertThat(data.problems).extracting(SourceProblem::reason).hasSize(2)
                .anyMatch(r -> r.startsWith("not JSON"))
                .anyMatch(r -> r.equals("not a DynamoDB JSON item: attribute bad has unknown type Q"));
        assertThat(data.checks).anyMatch(c -> c.contains("manifests and MD5 checksums match"));
        assertThat(data.name).isEqualTo("export:01700000000005-generated");
    }

    @Test
    void aDataFileNoManifestListsRefusesTheWholeExport() throws Exception {
        new GeneratedExport(6, 1, 5, 0, false).write(dir);
        Path data = manifestDir().resolve("data");
        Files.copy(data.resolve("generated.json.gz"), data.resolve("extra.json.gz"));

        assertThatThrownBy(() -> ExportFolder.read(dir)).isInstanceOf(SourceException.class)
                .hasMessageEndingWith("extra.json.gz is in the export but in no manifest");
    }

    @Test
    void anItemCountThatDisagreesWithTheManifestRefusesTheWholeExport() throws Exception {
        new GeneratedExport(7, 1, 5, 0, false).write(dir);
        Path summary = manifestDir().resolve("manifest-summary.json");
        Files.writeString(summary, Files.readString(summary).replaceAll("\"itemCount\": \\d+", "\"itemCount\": 99"));

        assertThatThrownBy(() -> ExportFolder.read(dir)).isInstanceOf(SourceException.class)
                .hasMessageContaining("says 99 items, the data files hold 6");
    }

    @Test
    void dynamoDbTypedValuesBecomePlainJsonWithExactNumbers() throws Exception {
        var typed = Json.MAPPER.readTree("{\"n\":{\"N\":\"12345678901234567890.5\"},\"l\":{\"L\":[{\"S\":\"a\"},"
                + "{\"BOOL\":true},{\"NULL\":true}]},\"m\":{\"M\":{\"ss\":{\"SS\":[\"x\",\"y\"]}}}}");

        var plain = DynamoDbJson.item(typed);

        assertThat(plain.get("n").decimalValue()).isEqualByComparingTo("12345678901234567890.5");
        assertThat(plain.get("l").toString()).isEqualTo("[\"a\",true,null]");
        assertThat(plain.get("m").toString()).isEqualTo("{\"ss\":[\"x\",\"y\"]}");
    }

    private Path manifestDir() throws Exception {
        try (Stream<Path> s = Files.list(dir.resolve("dynamodb/AWSDynamoDB"))) {
            return s.findFirst().orElseThrow();
        }
    }
}
