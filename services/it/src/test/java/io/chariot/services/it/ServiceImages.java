package io.chariot.services.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The images' Dockerfile and the services it builds, read from the checkout. */
final class ServiceImages {

    /** Every service with an image (ADR 0024), in the order the IT starts them. */
    static final List<String> SERVICES = List.of("account", "asset", "risk", "job", "file", "projections", "query",
            "sagas");

    /** Every image: the services and the edge in front of them (started by the cluster, not alone). */
    static final List<String> IMAGES = java.util.stream.Stream.concat(SERVICES.stream(),
            java.util.stream.Stream.of("edge")).toList();

    private static final Pattern JAR_COPY = Pattern.compile("(?m)^COPY\\s+(services/\\$\\{SERVICE}/\\S+\\.jar)\\s+");

    private ServiceImages() {
    }

    static Path root() {
        return Path.of(System.getProperty("chariot.root", "../..")).toAbsolutePath().normalize();
    }

    static String dockerfile() {
        try {
            return Files.readString(root().resolve("services/Dockerfile"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The jar the image of {@code service} is made of: the Dockerfile's COPY source with its SERVICE argument. */
    static Path jarOf(String service) {
        Matcher copy = JAR_COPY.matcher(dockerfile());
        if (!copy.find()) {
            throw new IllegalStateException("services/Dockerfile copies no services/${SERVICE}/…jar");
        }
        return root().resolve(copy.group(1).replace("${SERVICE}", service));
    }
}
