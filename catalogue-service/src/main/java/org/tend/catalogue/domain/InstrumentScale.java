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
}
