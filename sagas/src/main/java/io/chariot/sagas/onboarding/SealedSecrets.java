package io.chariot.sagas.onboarding;

/**
 * Opens an integration's sealed secrets (the account context seals them with the record's aggregate identifier as
 * associated data), so onboarding can show the credentials to their provider. The platform wires the key; nothing
 * here keeps or logs what it opens.
 */
@FunctionalInterface
public interface SealedSecrets {

    /** The JSON text of the secret members. */
    String open(String sealed, String aggregateId);
}
