package org.tend.catalogue.domain;

/**
 * Tells the reader of a {@link RecommendationSet} that a human pathway comes first.
 *
 * @param reasonCode {@code safety-review-first} or {@code refer-specialist}
 * @param reason     the sentence, naming the rule, the instrument, the score and the band
 * @param ruleId     the pathway rule that fired
 */
public record PathwayMarker(Pathway pathway, String reasonCode, String reason, String ruleId) {

    public PathwayMarker {
        Require.present(pathway, "pathway");
        Require.text(reasonCode, "reasonCode");
        Require.text(reason, "reason");
        Require.text(ruleId, "ruleId");
    }
}
