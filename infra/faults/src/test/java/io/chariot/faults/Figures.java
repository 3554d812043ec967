package io.chariot.faults;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What a fault case measured, printed on one line per case ({@code FAULTS | case | key=value ...}) and appended to
 * {@code infra/faults/target/faults-figures.txt}, which BENCHMARKS.md quotes.
 */
final class Figures {

    private Figures() {
    }

    static synchronized void print(String scenario, Map<String, ?> figures) {
        String line = "FAULTS | " + scenario + " | " + figures.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "));
        System.out.println(line);
        Path root = Path.of(System.getProperty("chariot.root", "../..")).toAbsolutePath().normalize();
        Path file = root.resolve("infra/faults/target/faults-figures.txt");
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            System.out.println("FAULTS | cannot write " + file + ": " + e.getMessage());
        }
    }

    static String seconds(long nanos) {
        return String.format(java.util.Locale.ROOT, "%.1fs", nanos / 1e9);
    }
}
