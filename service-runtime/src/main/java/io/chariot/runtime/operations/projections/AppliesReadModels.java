package io.chariot.runtime.operations.projections;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Present only in a deployable that applies the read models ({@code chariot.read-models.processor.apply}, true by
 * default: the platform, the projections service). Elsewhere the read models are known but applied by another
 * process, so there is nothing here to rebuild, pause or retry.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@Documented
@ConditionalOnProperty(name = "chariot.read-models.processor.apply", havingValue = "true", matchIfMissing = true)
public @interface AppliesReadModels {
}
