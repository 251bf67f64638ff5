package org.tend.assessment.domain.instrument;

/**
 * One question of an instrument.
 *
 * @param id stable item id, e.g. {@code phq9-9}; answers are keyed by it
 * @param number position on the form, from 1
 * @param text the item wording exactly as the clinical basis gives it
 * @param loincCode LOINC item code, or {@code null} where the clinical basis gives none
 * @param optionSet id of the {@link OptionSet} the answer is chosen from
 * @param scored whether the answer counts towards the score (PHQ-9 item 10, the difficulty item, does not)
 * @param reversed whether the item is reverse-scored: its contribution is (max + min) − answer (PSS-10 items 4, 5, 7, 8)
 * @param requiredWhenTotalAbove for an unscored item only: the item becomes required once the raw score is above this
 *     value; {@code null} means the unscored item is always optional. Scored items are always required. CamCOPS
 *     requires PHQ-9 item 10 when the total is above 0; Tend's PHQ-9 leaves it {@code null}: the item changes no score,
 *     band or safety rule, and rejecting the submission for want of it would leave its item 9 answer unrecorded if the
 *     participant gave up there.
 */
public record Item(
        String id,
        int number,
        String text,
        String loincCode,
        String optionSet,
        boolean scored,
        boolean reversed,
        Integer requiredWhenTotalAbove) {}
