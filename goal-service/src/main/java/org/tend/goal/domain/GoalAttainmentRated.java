package org.tend.goal.domain;

import java.time.Instant;

/** A goal's attainment was rated on its GAS scale; the latest rating is the goal's current level. */
public record GoalAttainmentRated(String participantId, String goalId, int level, GoalRole ratedByRole,
                                  Instant ratedAt) {
}
