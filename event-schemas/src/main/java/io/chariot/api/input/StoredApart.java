package io.chariot.api.input;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A command member whose entries each become a record of their own (a job result's items become assets, risks…):
 * the size budget of one record ({@link StoreLimits#RECORD_BYTES}) applies to each entry, not to the command.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD})
public @interface StoredApart {
}
