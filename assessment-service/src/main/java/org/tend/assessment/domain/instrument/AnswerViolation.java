package org.tend.assessment.domain.instrument;

/**
 * Why one answer (or one missing answer) was rejected. {@code rule} is a stable code, suitable for the
 * {@code errors[].rule} of a problem response.
 *
 * @param itemId the item concerned, or null when the answers as a whole are at fault
 * @param rule {@link #REQUIRED}, {@link #NOT_AN_OPTION}, {@link #UNKNOWN_ITEM} or {@link #TOO_MANY_ANSWERS}
 * @param message a sentence for people
 */
public record AnswerViolation(String itemId, String rule, String message) {

    /** A required item has no answer. Missing answers are never imputed. */
    public static final String REQUIRED = "required";
    /** The answer is not one of the item's option values. */
    public static final String NOT_AN_OPTION = "not-an-option";
    /** The answer names an item the instrument does not have. */
    public static final String UNKNOWN_ITEM = "unknown-item";
    /** More answers than the instrument has items: some cannot belong to it, and none is looked at one by one. */
    public static final String TOO_MANY_ANSWERS = "too-many-answers";
}
