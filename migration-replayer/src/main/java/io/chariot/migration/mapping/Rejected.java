package io.chariot.migration.mapping;

/** A legacy record the platform's rules refuse: quarantined with this message as the reason. */
final class Rejected extends RuntimeException {
    Rejected(String reason) {
        super(reason, null, false, false);
    }
}
