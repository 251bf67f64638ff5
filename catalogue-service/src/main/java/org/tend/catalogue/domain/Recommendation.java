package org.tend.catalogue.domain;

/**
 * One ranked intervention for a participant.
 *
 * @param rank       1 = best fit
 * @param reasonCode stable slug {@code stepped-care.<level>.<evidence strength>}, e.g.
 *                   {@code stepped-care.step-3.nice-recommended}
 * @param reason     the sentence, naming the rule, the instrument, the score and the band that led to it
 * @param ruleId     the stepped-care rule that set the level
 */
public record Recommendation(String interventionId, int rank, String reasonCode, String reason, String ruleId) {

    public Recommendation {
        Require.text(interventionId, "interventionId");
        if (rank < 1) {
            throw new IllegalArgumentException("rank starts at 1: " + rank);
        }
        Require.text(reasonCode, "reasonCode");
        Require.text(reason, "reason");
        Require.text(ruleId, "ruleId");
    }

    static String reasonCode(SteppedCareLevel level, EvidenceStrength evidence) {
        return "stepped-care." + level.code() + "." + evidence.code();
    }
}
