package org.tend.plumbing.web;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.RECORD_COMPONENT;
import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * Free text that people type: no control characters (Unicode general category Cc: U+0000–U+001F, U+007F–U+009F).
 * They have no place in a name or a description, and they are how text attacks the places it is shown later (log
 * lines forged with a carriage return, terminal escapes, NUL bytes that truncate in some readers). Text that may span
 * lines ({@code multiLine = true}) keeps the line feed, the tab, and the carriage return of a CR LF pair; single-line
 * text keeps none of them, nor the Unicode line and paragraph separators (U+2028, U+2029). {@code null} is valid
 * (say {@code @NotNull} where a value is required).
 *
 * <p>A violation is answered with 422 (rule {@value #RULE}), naming the field; see {@link ProblemHandlers}.
 */
@Documented
@Retention(RUNTIME)
@Target({FIELD, PARAMETER, RECORD_COMPONENT, TYPE_USE})
@Constraint(validatedBy = NoControlCharacters.Validator.class)
public @interface NoControlCharacters {

    /** The rule code of a violation in a problem's {@code errors}. */
    String RULE = "control-characters";

    /** Whether line feeds, tabs and CR LF pairs are allowed. */
    boolean multiLine() default false;

    String message() default "must not contain control characters";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** The check itself, for callers outside Bean Validation. */
    final class Validator implements ConstraintValidator<NoControlCharacters, CharSequence> {
        private boolean multiLine;

        @Override
        public void initialize(NoControlCharacters annotation) {
            multiLine = annotation.multiLine();
        }

        @Override
        public boolean isValid(CharSequence value, ConstraintValidatorContext context) {
            boolean valid = value == null || firstForbidden(value, multiLine) < 0;
            if (!valid && multiLine && context != null) {
                context.disableDefaultConstraintViolation();
                context.buildConstraintViolationWithTemplate(
                        "must not contain control characters other than line breaks and tabs")
                        .addConstraintViolation();
            }
            return valid;
        }

        /** The index of the first character {@code text} may not hold, or -1 when there is none. */
        public static int firstForbidden(CharSequence text, boolean multiLine) {
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (multiLine && (c == '\n' || c == '\t'
                        || (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n'))) {
                    continue;
                }
                if (Character.getType(c) == Character.CONTROL || (!multiLine && (c == '\u2028' || c == '\u2029'))) {
                    return i;
                }
            }
            return -1;
        }
    }
}
