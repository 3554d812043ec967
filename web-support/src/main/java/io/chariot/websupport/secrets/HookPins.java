package io.chariot.websupport.secrets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.Optional;

/**
 * A webhook's pin, sealed with the integration's other secrets under the member {@value #MEMBER}: the account
 * context seals it, the query API opens it so the tenant reads its webhook URL back (praetorian-cli builds the URL
 * from the record's {@code value}).
 */
public final class HookPins {

    /** The member of the sealed secrets that holds the pin (config secrets are keyed by JSON pointers, "/…"). */
    public static final String MEMBER = "pin";

    private HookPins() {
    }

    /**
     * The pin in {@code sealed}, opened with the record's aggregate id; empty when there is none or it cannot be
     * opened (another key, another record).
     */
    public static Optional<String> open(SecretBox box, ObjectMapper json, String sealed, String aggregateId) {
        try {
            JsonNode secrets = json.readTree(box.open(sealed, aggregateId));
            JsonNode pin = secrets == null ? null : secrets.get(MEMBER);
            return pin != null && pin.isTextual() ? Optional.of(pin.textValue()) : Optional.empty();
        } catch (RuntimeException | java.io.IOException e) {
            return Optional.empty();
        }
    }
}
