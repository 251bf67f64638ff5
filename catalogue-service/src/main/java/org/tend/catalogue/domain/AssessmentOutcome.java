package org.tend.catalogue.domain;

/**
 * What the catalogue needs to know about one scored assessment.
 *
 * @param band          the band code assessment-service assigned, e.g. {@code moderately-severe}; shown in
 *                      reasons, never routed on
 * @param totalScore    the instrument's total (WHO-5: the percentage score, 0–100)
 * @param safetyConcern whether a safety rule fired for this assessment (e.g. PHQ-9 item 9 ≥ 1)
 */
public record AssessmentOutcome(
        String instrumentId,
        String instrumentVersion,
        String band,
        int totalScore,
        boolean safetyConcern) {

    public AssessmentOutcome {
        Require.text(instrumentId, "instrumentId");
        Require.text(instrumentVersion, "instrumentVersion");
        Require.text(band, "band");
    }

    /** The band as words for a sentence: {@code moderately-severe} → "moderately severe". */
    public String bandInWords() {
        return band.replace('-', ' ');
    }
}
