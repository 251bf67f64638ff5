package org.tend.plumbing.audit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a controller (or one of its handler methods) that serves no one's individual data, only what is the same for
 * everyone (the instrument library, the intervention catalogue): a practitioner's requests to it are not audited.
 * HR's and administrators' requests are audited everywhere, these included.
 *
 * <p>The default is the other way round on purpose: a new route is audited until someone decides, here, that it
 * holds no individual data. Forgetting the mark costs an entry too many, never one too few.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface ReferenceData {
}
