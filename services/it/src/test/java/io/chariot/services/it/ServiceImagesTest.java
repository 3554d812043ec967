package io.chariot.services.it;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The images' Dockerfile against the service modules. No Docker engine runs here, so the images are not built: this
 * checks what can be checked without one (the IT runs the very jars the COPY names).
 */
class ServiceImagesTest {

    @Test
    void everyServiceModuleHasAnImageAndEveryImageAServiceModule() throws IOException {
        try (Stream<Path> folders = Files.list(ServiceImages.root().resolve("services"))) {
            var modules = folders.filter(f -> Files.isDirectory(f.resolve("src/main/java")))
                    .map(f -> f.getFileName().toString()).sorted().toList();
            assertThat(modules).containsExactlyInAnyOrderElementsOf(ServiceImages.IMAGES);
        }
    }

    @Test
    void theJarEachImageCopiesIsTheJarItsModuleBuilds() throws IOException {
        for (String service : ServiceImages.IMAGES) {
            String pom = Files.readString(ServiceImages.root().resolve("services/" + service + "/pom.xml"));
            String jar = ServiceImages.jarOf(service).getFileName().toString();
            assertThat(pom).as(service).contains("<finalName>" + jar.replaceFirst("\\.jar$", "") + "</finalName>")
                    .contains("<artifactId>spring-boot-maven-plugin</artifactId>");
        }
    }

    @Test
    void theImageRunsAsANumericNonRootUserWithTheHeapSizedByTheContainer() {
        String dockerfile = ServiceImages.dockerfile();
        var user = Pattern.compile("(?m)^USER\\s+(\\d+)(?::(\\d+))?\\s*$").matcher(dockerfile);
        assertThat(user.find()).as("a numeric USER").isTrue();
        assertThat(Integer.parseInt(user.group(1))).as("not root").isPositive();
        assertThat(dockerfile).contains("-XX:MaxRAMPercentage=").doesNotContain("-Xmx")
                .containsPattern("(?m)^EXPOSE 8080$")
                .contains("-Djarmode=tools -jar app.jar extract --layers --launcher")
                .doesNotContainPattern("(?m)^HEALTHCHECK");
        // the USER comes after the last COPY, so nothing the process runs as root is left behind it
        assertThat(dockerfile.lastIndexOf("\nUSER ")).isGreaterThan(dockerfile.lastIndexOf("\nCOPY "));
    }
}
