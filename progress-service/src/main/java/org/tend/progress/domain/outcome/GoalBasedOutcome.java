package org.tend.progress.domain.outcome;

import java.util.List;

/**
 * Goal-Based Outcomes (Law &amp; Jacob 2015; clinical reference §5.3): each goal rated 0–10 (0 no progress, 5 half way,
 * 10 reached); the outcome is the last rating minus the first. Reliable change for GBO is quoted as 2.45 points but
 * marked unverified [U]: it applies only when the outcome data sets it.
 */
public final class GoalBasedOutcome {

    public static final ScoreRange RANGE = new ScoreRange(0, 10);

    private GoalBasedOutcome() {
    }

    /** Last − first, or null before the first rating. */
    public static Integer change(List<Integer> ratings) {
        return ratings.isEmpty() ? null : ratings.get(ratings.size() - 1) - ratings.get(0);
    }

    /**
     * The change classified against a reliable-change threshold (higher is better), or null when no threshold is
     * configured or there are fewer than two ratings.
     */
    public static ChangeClassification classify(List<Integer> ratings, Double reliableChange) {
        if (reliableChange == null || ratings.size() < 2) {
            return null;
        }
        int change = ratings.get(ratings.size() - 1) - ratings.get(0);
        if (change >= reliableChange) {
            return ChangeClassification.RELIABLE_IMPROVEMENT;
        }
        if (change <= -reliableChange) {
            return ChangeClassification.RELIABLE_DETERIORATION;
        }
        return ChangeClassification.NO_RELIABLE_CHANGE;
    }
}
