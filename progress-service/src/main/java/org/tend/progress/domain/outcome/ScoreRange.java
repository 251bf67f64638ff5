package org.tend.progress.domain.outcome;

/** The range of an instrument's score on the scale its results are published on (WHO-5: the 0–100 percentage). */
public record ScoreRange(int min, int max) {

    public ScoreRange {
        if (min > max) {
            throw new IllegalArgumentException("range min " + min + " is above max " + max);
        }
    }

    public boolean contains(int score) {
        return score >= min && score <= max;
    }

    /** The largest change possible between two scores. */
    public int width() {
        return max - min;
    }

    @Override
    public String toString() {
        return min + "–" + max;
    }
}
