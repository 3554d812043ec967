package io.chariot.platform;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The embedded default: every bounded context, the sagas, the projections and the query API in one JVM, on the
 * runtime every service shares ({@code io.chariot.runtime}). Each module brings its own auto-configuration; this
 * class only picks the packages that hold aggregates and controllers. The same modules run one process per service
 * under {@code services/} (ADR 0024).
 */
@SpringBootApplication(scanBasePackages = {"io.chariot.platform", "io.chariot.runtime", "io.chariot.asset",
        "io.chariot.account", "io.chariot.risk", "io.chariot.job", "io.chariot.file", "io.chariot.sagas"})
public class ChariotPlatform {

    public static void main(String[] args) {
        System.setProperty("disable-axoniq-console-message", "true");
        SpringApplication.run(ChariotPlatform.class, args);
    }
}
