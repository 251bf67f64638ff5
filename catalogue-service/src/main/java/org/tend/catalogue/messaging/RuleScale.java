package org.tend.catalogue.messaging;

import org.tend.catalogue.domain.InstrumentScale;
import org.tend.catalogue.domain.recommendation.CatalogueRecommender;
import org.tend.plumbing.messaging.MalformedEventException;

/**
 * Puts a published total on the scale the stepped-care rules are written on. The record says which range its total
 * is on ({@code scoreRange}); the rules name theirs. Equal ranges need nothing. A range that the rules' range is a
 * whole multiple of is scaled: WHO-5's rules are on the percentage score (raw 0–25 × 4 = 0–100), so a raw WHO-5
 * total still routes correctly. Anything else cannot be routed safely and is refused.
 */
final class RuleScale {

    private RuleScale() {
    }

    static int toRuleScale(CatalogueRecommender recommender, String instrumentId, int total, int rangeMin,
            int rangeMax) {
        if (rangeMin > rangeMax || total < rangeMin || total > rangeMax) {
            throw new MalformedEventException(instrumentId + " total " + total + " is outside its own scoreRange "
                    + rangeMin + ".." + rangeMax);
        }
        InstrumentScale scale = recommender.scale(instrumentId).orElse(null);
        if (scale == null) {
            return total; // no rules for it: recorded as sent, never routed
        }
        if (scale.minScore() == rangeMin && scale.maxScore() == rangeMax) {
            return total;
        }
        if (rangeMin == 0 && scale.minScore() == 0 && rangeMax > 0 && scale.maxScore() % rangeMax == 0) {
            return total * (scale.maxScore() / rangeMax);
        }
        throw new MalformedEventException(instrumentId + " scoreRange " + rangeMin + ".." + rangeMax
                + " cannot be mapped onto the stepped-care rules' range " + scale.minScore() + ".."
                + scale.maxScore());
    }
}
