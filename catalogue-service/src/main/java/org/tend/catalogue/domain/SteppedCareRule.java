package org.tend.catalogue.domain;

/**
 * Routes an instrument's totals in [minScore, maxScore] to a stepped-care level (clinical basis §5.5).
 * Routing is by total, never by band code: for PHQ-9 the NICE NG222 threshold (16) and the display bands disagree.
 *
 * @param reasonTemplate the human reason, see {@link ReasonTemplate}
 * @param source         where in the clinical basis the rule comes from, with its confidence mark
 */
public record SteppedCareRule(
        String id,
        String instrumentId,
        int minScore,
        int maxScore,
        SteppedCareLevel level,
        String reasonTemplate,
        String source) {

    public SteppedCareRule {
        Require.text(id, "rule id");
        Require.text(instrumentId, "instrumentId of rule " + id);
        if (minScore > maxScore) {
            throw new IllegalArgumentException("rule " + id + " has an empty range " + minScore + ".." + maxScore);
        }
        Require.present(level, "level of rule " + id);
        if (level == SteppedCareLevel.SAFETY) {
            throw new IllegalArgumentException(
                    "rule " + id + ": the safety level comes from the safety flag, not a score");
        }
        Require.text(reasonTemplate, "reasonTemplate of rule " + id);
        Require.text(source, "source of rule " + id);
    }

    public boolean matches(AssessmentOutcome outcome) {
        return outcome.instrumentId().equals(instrumentId)
                && outcome.totalScore() >= minScore && outcome.totalScore() <= maxScore;
    }
}
