package io.chariot.services.projections;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The projection service alone: applies every read model from Kafka into DynamoDB, Neo4j and Redis, reports what it
 * applied to the other services, and serves the projection operations (/admin/projections) (ADR 0024).
 */
@SpringBootApplication(scanBasePackages = {"io.chariot.runtime"})
public class ProjectionsService {

    public static void main(String[] args) {
        System.setProperty("disable-axoniq-console-message", "true");
        SpringApplication.run(ProjectionsService.class, args);
    }
}
