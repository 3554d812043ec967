package io.chariot.services.file;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The file context alone: stored files and their signed upload and download URLs (ADR 0024). */
@SpringBootApplication(scanBasePackages = {"io.chariot.runtime", "io.chariot.file"})
public class FileService {

    public static void main(String[] args) {
        System.setProperty("disable-axoniq-console-message", "true");
        SpringApplication.run(FileService.class, args);
    }
}
