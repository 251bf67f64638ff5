package org.tend.assessment.domain.instrument;

/**
 * One answer a participant can give to an item.
 *
 * @param value stored and scored value (before any reversal)
 * @param label the answer text shown to the participant
 * @param loincAnswerCode LOINC answer code ({@code LA…}), or {@code null} where the clinical basis gives none
 */
public record ResponseOption(int value, String label, String loincAnswerCode) {}
