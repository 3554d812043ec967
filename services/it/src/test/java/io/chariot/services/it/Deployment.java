package io.chariot.services.it;

import java.util.UUID;

/**
 * What every process of this test run's deployments shares, as one real deployment's containers would: the signing
 * secret, which also wraps the tenants' data keys (no separate master key). The ITs of this module run on one stack,
 * so they share it too — a second secret could not read the personal data the first one's events hold (a verify
 * replaying them fails).
 */
final class Deployment {

    static final String JWT_SECRET = "services-it-jwt-secret-" + UUID.randomUUID();

    private Deployment() {
    }
}
