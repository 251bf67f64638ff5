package org.tend.catalogue.domain.recommendation;

/**
 * A human pathway that comes before any self-chosen option.
 *
 * @param pathway    {@code human-review} or {@code specialist-referral}
 * @param reasonCode {@code safety-review-first} or {@code refer-specialist}
 */
public record PathwayAdvice(String pathway, String reasonCode, String reason, String ruleId) {
}
