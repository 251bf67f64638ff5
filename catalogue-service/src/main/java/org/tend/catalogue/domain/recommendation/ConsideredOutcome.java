package org.tend.catalogue.domain.recommendation;

/** One of the participant's latest outcomes as the rules judged it (the basis is the most severe). */
public record ConsideredOutcome(
        String assessmentId,
        String instrumentId,
        String band,
        int totalScore,
        String level,
        String ruleId,
        String reason) {
}
