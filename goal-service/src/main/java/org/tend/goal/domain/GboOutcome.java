package org.tend.goal.domain;

import java.util.List;
import java.util.Optional;

/**
 * Goal-Based Outcomes (Law &amp; Jacob 2015; CORC): each goal is rated 0–10, 0 = no progress, 5 = half way,
 * 10 = goal reached; the outcome of a goal is the movement along the scale, last rating − first rating.
 */
public final class GboOutcome {

    public static final String SCALE = "gbo-0-10";
    public static final int MIN_RATING = 0;
    public static final int MAX_RATING = 10;

    private GboOutcome() {
    }

    public static boolean isValidRating(int rating) {
        return rating >= MIN_RATING && rating <= MAX_RATING;
    }

    /**
     * The change from the first rating to the last, in the order given (oldest first); empty until there are two
     * ratings, since one rating shows where a goal starts, not any movement.
     */
    public static Optional<Integer> change(List<Integer> ratingsOldestFirst) {
        if (ratingsOldestFirst.size() < 2) {
            return Optional.empty();
        }
        return Optional.of(change(ratingsOldestFirst.get(0), ratingsOldestFirst.get(ratingsOldestFirst.size() - 1)));
    }

    /** The movement along the scale from the first rating to the latest. */
    public static int change(int first, int latest) {
        return latest - first;
    }
}
