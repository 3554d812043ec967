package io.chariot.runtime;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The one line {@code ./chariot up} promises once the platform serves requests (logs go to a file), and the URL it
 * serves on in {@code chariot.platform.url-file} ({@code <work>/platform.url}, where the CLIs look): written only by a
 * platform that is up, so a second {@code ./chariot up} that is refused never points the CLIs elsewhere.
 */
@Component
@EnableConfigurationProperties(ReadyAnnouncer.Settings.class)
class ReadyAnnouncer implements ApplicationListener<ApplicationReadyEvent> {

    private static final Logger log = LoggerFactory.getLogger(ReadyAnnouncer.class);

    /** @param urlFile where to write this platform's base URL once it is ready (none when unset) */
    @ConfigurationProperties("chariot.platform")
    record Settings(Path urlFile) {
    }

    private final Settings settings;

    ReadyAnnouncer(Settings settings) {
        this.settings = settings;
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        if (event.getApplicationContext() instanceof WebServerApplicationContext web) {
            String address = event.getApplicationContext().getEnvironment().getProperty("server.address", "127.0.0.1");
            String url = "http://" + address + ":" + web.getWebServer().getPort();
            writeUrlFile(url);
            double seconds = (System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime()) / 1000.0;
            System.out.printf("Chariot ready on %s (started in %.1fs; Swagger UI at /swagger-ui.html)%n", url, seconds);
            System.out.flush();
        }
    }

    private void writeUrlFile(String url) {
        Path file = settings.urlFile();
        if (file == null) {
            return;
        }
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
            Files.writeString(tmp, url + "\n", StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            log.warn("cannot write {}: {}", file, e.getMessage());
        }
    }
}
