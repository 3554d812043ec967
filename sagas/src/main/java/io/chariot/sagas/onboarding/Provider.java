package io.chariot.sagas.onboarding;

import java.util.List;

/**
 * The third party an integration connects to, as onboarding needs it: it checks the integration's credentials and
 * names the seeds to import. {@link HttpProvider} speaks HTTP to it; tests give their own.
 */
public interface Provider {

    /**
     * What the provider is asked about: the integration, its redacted config and its credentials (JSON texts; the
     * credentials are the secret members keyed by JSON Pointer, as the account context seals them).
     */
    record Integration(String member, String value, String config, String credentials) {

        @Override
        public String toString() {
            // never the credentials
            return "Integration[" + member + " " + value + "]";
        }
    }

    /** A seed to import as an asset ({@code name} null: the domain itself; {@code status} null: a seed's default). */
    record Seed(String dns, String name, String status) {
    }

    /** Fails with {@link ProviderException} when the provider refuses the credentials or cannot be asked. */
    void verify(Integration integration);

    /** The seeds the provider knows for the integration. */
    List<Seed> seeds(Integration integration);

    /** The provider refused, failed or could not be reached; the message says which, never a credential. */
    final class ProviderException extends RuntimeException {
        public ProviderException(String message) {
            super(message);
        }
    }
}
