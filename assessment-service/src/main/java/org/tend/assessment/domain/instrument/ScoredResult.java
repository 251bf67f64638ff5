package org.tend.assessment.domain.instrument;

import java.util.List;

/**
 * The outcome of scoring one complete set of answers.
 *
 * @param instrumentId instrument that scored it
 * @param instrumentVersion definition version that scored it
 * @param rawScore sum of the scored items' contributions
 * @param scaledScore raw × multiplier, or {@code null} when the instrument has no multiplier
 * @param band the band the score falls in (on the raw or scaled score, as the band says)
 * @param triggeredCriticalRules the safety rules the answers fired; empty when none
 * @param positiveScreen whether the band makes a follow-up instrument due
 * @param makesDue the instrument made due by a positive screen, or {@code null}
 */
public record ScoredResult(
        String instrumentId,
        String instrumentVersion,
        int rawScore,
        Integer scaledScore,
        Band band,
        List<CriticalItemRule> triggeredCriticalRules,
        boolean positiveScreen,
        String makesDue) {

    public ScoredResult {
        triggeredCriticalRules = List.copyOf(triggeredCriticalRules);
    }

    public String bandCode() {
        return band.code();
    }

    public String bandLabel() {
        return band.label();
    }

    /** Whether any critical item fired: a safety concern must be raised whatever the total. */
    public boolean raisesSafetyConcern() {
        return !triggeredCriticalRules.isEmpty();
    }

    public List<String> triggeredRuleCodes() {
        return triggeredCriticalRules.stream().map(CriticalItemRule::rule).toList();
    }

    /** The score the band is on: the scaled score when the band is on it, else the raw score. */
    public int bandedScore() {
        return band.basis() == ScoreBasis.SCALED ? scaledScore : rawScore;
    }
}
