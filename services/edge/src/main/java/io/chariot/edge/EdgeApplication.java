package io.chariot.edge;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The API edge of the distributed topology: clients keep one base URL, and each path goes to the service that owns
 * it. It holds no Chariot logic and no credentials — every service checks the caller's token itself.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class EdgeApplication {

    public static void main(String[] args) {
        SpringApplication.run(EdgeApplication.class, args);
    }
}
