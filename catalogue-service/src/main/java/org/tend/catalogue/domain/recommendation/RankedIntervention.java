package org.tend.catalogue.domain.recommendation;

/**
 * One intervention as recommended.
 *
 * @param reasonCode a slug such as {@code stepped-care-step-3-nice-recommended} (published)
 * @param reason     the sentence for people (stays in this service)
 * @param ruleId     the stepped-care rule that set the level
 */
public record RankedIntervention(String interventionId, int rank, String reasonCode, String reason, String ruleId) {
}
