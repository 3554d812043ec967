package io.chariot.services.asset;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The asset context alone: assets, attributes, ports, seeds, preseeds and webpages; prefix deletes and webpage sources
 * look in the read stores (ADR 0024).
 */
@SpringBootApplication(scanBasePackages = {"io.chariot.runtime", "io.chariot.asset"})
public class AssetService {

    public static void main(String[] args) {
        System.setProperty("disable-axoniq-console-message", "true");
        SpringApplication.run(AssetService.class, args);
    }
}
