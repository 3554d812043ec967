package io.chariot.query.explorer.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a controller of explorer pages (under {@code /explorer}, behind {@link ExplorerSecurity}'s chain): its
 * pages get what every page needs ({@link ExplorerPages}) and its errors are pages ({@link ExplorerErrors}). Pages
 * another module serves — the sagas', which the query API may not know — join the explorer this way.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface ExplorerPage {
}
