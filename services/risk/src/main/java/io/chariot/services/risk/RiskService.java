package io.chariot.services.risk;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The risk context alone: risks, their status, history, notes, tags and tickets (ADR 0024). */
@SpringBootApplication(scanBasePackages = {"io.chariot.runtime", "io.chariot.risk"})
public class RiskService {

    public static void main(String[] args) {
        System.setProperty("disable-axoniq-console-message", "true");
        SpringApplication.run(RiskService.class, args);
    }
}
