package io.perimeter.console.web;

import io.micronaut.aop.Around;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The controller's form posts must carry the CSRF token ({@link CsrfCheck}): put it on every controller that
 * receives a form. Each form handler takes the token as a parameter bound from the form,
 * {@code @Body(CsrfProtected.FIELD) @Nullable String csrfToken}, which the check reads; a handler without one refuses
 * every post.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@Around
public @interface CsrfProtected {
    /** The form field that carries the token (micronaut-security-csrf's default). */
    String FIELD = "csrfToken";
}
