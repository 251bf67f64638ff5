package org.tend.assessment.domain.instrument;

/**
 * How an instrument is scored.
 *
 * @param method how items combine into the raw score
 * @param multiplier {@code null} when the instrument has only a raw score; otherwise scaled = raw × multiplier
 *     (WHO-5: ×4 gives the percentage score). Both scores are kept (docs/clinical-basis.md §2.1).
 * @param scaledScoreLabel what the scaled score is called, e.g. "percentage score"; {@code null} without a multiplier
 */
public record ScoringRule(ScoringMethod method, Integer multiplier, String scaledScoreLabel) {

    public static ScoringRule sum() {
        return new ScoringRule(ScoringMethod.SUM, null, null);
    }

    public boolean hasScaledScore() {
        return multiplier != null;
    }
}
