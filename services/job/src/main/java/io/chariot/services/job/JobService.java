package io.chariot.services.job;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The job context alone: the job queue, claims (queued jobs found in the read store), results, retries and persistent
 * deadlines, capabilities (ADR 0024).
 */
@SpringBootApplication(scanBasePackages = {"io.chariot.runtime", "io.chariot.job"})
public class JobService {

    public static void main(String[] args) {
        System.setProperty("disable-axoniq-console-message", "true");
        SpringApplication.run(JobService.class, args);
    }
}
