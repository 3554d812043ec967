package io.chariot.services.query;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The query service alone: GET and POST /my, /my/count and the event explorer, over the read stores and the event
 * store; it writes nothing (ADR 0024).
 */
@SpringBootApplication(scanBasePackages = {"io.chariot.runtime"})
public class QueryService {

    public static void main(String[] args) {
        System.setProperty("disable-axoniq-console-message", "true");
        SpringApplication.run(QueryService.class, args);
    }
}
