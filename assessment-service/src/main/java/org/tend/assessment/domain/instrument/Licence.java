package org.tend.assessment.domain.instrument;

/**
 * The copyright or licence notice shown with the instrument.
 *
 * @param notice the text as the clinical basis gives it, including any open licensing question
 * @param reviewRequired {@code true} while the clinical basis marks the terms as conflicting or unconfirmed
 *     (docs/clinical-basis.md §10.4): a licensing reviewer must clear the instrument before commercial use
 */
public record Licence(String notice, boolean reviewRequired) {}
