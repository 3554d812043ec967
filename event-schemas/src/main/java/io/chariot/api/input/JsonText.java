package io.chariot.api.input;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A command member whose string is the JSON text of a document (a setting's value): checked as a document that
 * DynamoDB can hold ({@link Inputs#jsonDocument}), with the document limit instead of the text limit.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD})
public @interface JsonText {
}
