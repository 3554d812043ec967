package io.chariot.services.account;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The account context alone: accounts and their links, API keys and /token, settings and configurations, integrations,
 * webhooks, tenant purge requests (ADR 0024).
 */
@SpringBootApplication(scanBasePackages = {"io.chariot.runtime", "io.chariot.account"})
public class AccountService {

    public static void main(String[] args) {
        System.setProperty("disable-axoniq-console-message", "true");
        SpringApplication.run(AccountService.class, args);
    }
}
