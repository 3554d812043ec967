package io.chariot.runtime.operations.sagas;

import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Present only in a deployable that runs the sagas (the sagas service, the platform): it has the sagas module. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@Documented
@ConditionalOnClass(name = "io.chariot.sagas.runtime.SagaJournal")
@interface SagasHere {
}
