package io.chariot.api.personal;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@code String} component of an event record as personal data: who did something ({@code by}), a person's
 * email ({@code member} of an account link) or text a person wrote ({@code comment}). The event serializer stores it
 * encrypted under the key of the record's {@code tenant} component, so destroying that key
 * ({@link TenantDataKeys#destroy}) erases it in every past event (crypto-shredding, ADR 0019). Keys, ids and the
 * tenant itself are never marked: indexes, routing and the explorer need them in clear.
 * <p>
 * A record with a marked component must have a {@code String tenant} component; {@code PersonalDataMarkingTest}
 * checks that, and that every {@code by} and every {@code comment} is marked.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER})
public @interface PersonalData {

    /** What a marked value reads as once its tenant's key is destroyed: a string, so no reader meets a null. */
    String ERASED = "(erased)";

    /**
     * Only values containing {@code @} are personal: a {@code member} is a person's email there, an integration's
     * name (no {@code @}) otherwise, which stays clear.
     */
    boolean onlyEmails() default false;
}
