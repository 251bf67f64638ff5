package org.tend.plumbing.security;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.tend.security.Role;

/**
 * The roles that may call an API operation: the caller's token must hold at least one of them, or the request is
 * refused with the 403 problem of fixed detail before the controller method runs (and before its body is read). On a
 * method, or on a controller class for all its methods (a method's own annotation wins).
 *
 * <p>It is the one place an operation's roles are written: the plumbing enforces it ({@code SecurityAutoConfiguration})
 * and documents it in the service's OpenAPI document ({@code x-required-roles}, {@code OpenApiAutoConfiguration}),
 * so the document cannot say other than what is enforced. What a role may see once let in (a participant only their
 * own data, a practitioner only their caseload, HR only their organisation) is still decided where the data is.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface RequiresRole {

    /** Any one of these suffices. */
    Role[] value();
}
