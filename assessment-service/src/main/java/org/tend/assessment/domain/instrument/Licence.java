package org.tend.assessment.domain.instrument;

/**
 * The copyright or licence notice shown with the instrument.
 *
 * @param notice the text as the reference gives it, including any open licensing question
 * @param reviewRequired {@code true} while the reference marks the terms as conflicting or unconfirmed
 *     (clinical-reference.md §6.4): a licensing reviewer must clear the instrument before commercial use
 */
public record Licence(String notice, boolean reviewRequired) {}
