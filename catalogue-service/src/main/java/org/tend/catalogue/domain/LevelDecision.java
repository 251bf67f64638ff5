package org.tend.catalogue.domain;

/**
 * The stepped-care level one outcome leads to, which rule decided it and why.
 *
 * @param reason the rule's reason rendered for this outcome, e.g. "PHQ-9 total 17 (moderately severe) is at or above
 *               16: …"
 */
public record LevelDecision(AssessmentOutcome outcome, SteppedCareLevel level, String ruleId, String reason) {

    public LevelDecision {
        Require.present(outcome, "outcome");
        Require.present(level, "level");
        Require.text(ruleId, "ruleId");
        Require.text(reason, "reason");
    }
}
