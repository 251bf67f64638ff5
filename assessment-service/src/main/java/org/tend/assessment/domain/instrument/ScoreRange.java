package org.tend.assessment.domain.instrument;

/** An inclusive integer score range. */
public record ScoreRange(int min, int max) {

    public boolean contains(int score) {
        return score >= min && score <= max;
    }

    @Override
    public String toString() {
        return min + "–" + max;
    }
}
