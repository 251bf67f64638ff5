package org.tend.goal.domain;

import java.time.Instant;

/** Progress towards a goal was rated on the GBO 0–10 scale. */
public record GoalProgressRated(String participantId, String goalId, int rating, GoalRole ratedByRole,
                                Instant ratedAt) {
}
