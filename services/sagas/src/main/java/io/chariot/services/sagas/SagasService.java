package io.chariot.services.sagas;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The saga service alone: the cross-context workflows (job results, remediation checks, integration onboarding, tenant
 * purge) and their operations (/admin/sagas) (ADR 0024).
 */
@SpringBootApplication(scanBasePackages = {"io.chariot.services.sagas", "io.chariot.runtime",
        "io.chariot.sagas"})
public class SagasService {

    public static void main(String[] args) {
        System.setProperty("disable-axoniq-console-message", "true");
        SpringApplication.run(SagasService.class, args);
    }
}
