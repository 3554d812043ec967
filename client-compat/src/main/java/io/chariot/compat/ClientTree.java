package io.chariot.compat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Where praetorian-cli's source tree is, and whether this machine can run its suite. The tree comes from
 * {@code CHARIOT_COMPAT_CLIENT} (default {@value #DEFAULT}); a relative path is taken from the project root, then
 * from the repository's parent directory.
 */
final class ClientTree {

    static final String DEFAULT = "../shared/clients/praetorian-cli-2.4.8";
    /** What the suite imports and a machine must provide (everything else it imports is stubbed or unused). */
    static final List<String> PYTHON_MODULES = List.of("pytest", "requests", "click", "boto3");

    private ClientTree() {
    }

    /** The tree's root (the folder holding {@code praetorian_cli/}), or why there is none. */
    static Located locate(Path projectRoot, String configured) {
        String path = configured == null || configured.isBlank() ? DEFAULT : configured.strip();
        List<Path> candidates = new ArrayList<>();
        Path given = Path.of(path);
        if (given.isAbsolute()) {
            candidates.add(given);
        } else {
            candidates.add(projectRoot.resolve(given));
            if (projectRoot.getParent() != null) {
                candidates.add(projectRoot.getParent().resolve(given));
            }
        }
        for (Path candidate : candidates) {
            Path tree = candidate.normalize();
            if (Files.isDirectory(tree.resolve("praetorian_cli/sdk/test"))) {
                return new Located(tree, null);
            }
        }
        return new Located(null, "no praetorian-cli tree at " + candidates.stream().map(p -> p.normalize().toString())
                .reduce((a, b) -> a + " or " + b).orElse(path) + " (CHARIOT_COMPAT_CLIENT)");
    }

    record Located(Path tree, String problem) {
    }

    /** Empty when {@code python3} runs and imports {@link #PYTHON_MODULES}; otherwise what is missing. */
    static Optional<String> pythonProblem() {
        List<String> command = List.of("python3", "-c", "import " + String.join(", ", PYTHON_MODULES));
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return Optional.of("python3 did not answer within 60 s");
            }
            if (p.exitValue() != 0) {
                String last = out.strip().lines().reduce((a, b) -> b).orElse("exit " + p.exitValue());
                return Optional.of("python3 cannot import " + String.join("/", PYTHON_MODULES) + ": " + last);
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of("no python3 on PATH");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted while looking for python3");
        }
    }
}
