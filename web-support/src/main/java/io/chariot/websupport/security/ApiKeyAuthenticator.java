package io.chariot.websupport.security;

import java.util.Optional;

/**
 * Checks an API key id and secret (the {@code X-GUARD-API-KEY-ID/SECRET} headers of {@code GET /token}). The
 * account context implements it over its key read model; web-support only asks.
 */
public interface ApiKeyAuthenticator {

    /** The tenant (owner email) of a live key whose secret matches, or empty. */
    Optional<String> authenticate(String keyId, String secret);
}
