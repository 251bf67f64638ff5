package org.tend.catalogue.domain;

/** An instrument the stepped-care rules route on, with its name for reasons and its whole score range. */
public record InstrumentScale(String instrumentId, String displayName, int minScore, int maxScore) {

    public InstrumentScale {
        Require.text(instrumentId, "instrumentId");
        Require.text(displayName, "displayName of " + instrumentId);
        if (minScore > maxScore) {
            throw new IllegalArgumentException(
                    "score range of " + instrumentId + " is empty: " + minScore + ".." + maxScore);
        }
    }

    public boolean contains(int score) {
        return score >= minScore && score <= maxScore;
    }

    /**
     * A total published on the range {@code rangeMin..rangeMax}, put on the range the rules are written on. Equal
     * ranges need nothing. A range the rules' range is a whole multiple of is scaled: WHO-5's rules are on the
     * percentage score (raw 0–25 × 4 = 0–100), so a raw WHO-5 total still routes correctly. Anything else cannot be
     * routed safely and is refused.
     *
     * @throws UnroutableOutcomeException when the total lies outside its own range or the ranges do not map
     */
    public int onRuleScale(int total, int rangeMin, int rangeMax) {
        requireWithin(instrumentId, total, rangeMin, rangeMax);
        if (minScore == rangeMin && maxScore == rangeMax) {
            return total;
        }
        if (rangeMin == 0 && minScore == 0 && rangeMax > 0 && maxScore % rangeMax == 0) {
            return total * (maxScore / rangeMax);
        }
        throw new UnroutableOutcomeException(instrumentId + " range " + rangeMin + ".." + rangeMax
                + " cannot be mapped onto the stepped-care rules' range " + minScore + ".." + maxScore);
    }

    /** A published total must lie in the range its record gives. */
    public static void requireWithin(String instrumentId, int total, int rangeMin, int rangeMax) {
        if (rangeMin > rangeMax || total < rangeMin || total > rangeMax) {
            throw new UnroutableOutcomeException(instrumentId + " total " + total + " is outside its own range "
                    + rangeMin + ".." + rangeMax);
        }
    }
}
