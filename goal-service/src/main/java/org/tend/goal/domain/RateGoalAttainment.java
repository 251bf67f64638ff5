package org.tend.goal.domain;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Rate the attainment of a goal on its GAS scale: −2 … +2, 0 = the expected outcome. */
public record RateGoalAttainment(@TargetAggregateIdentifier String participantId, String goalId, int level,
                                 GoalRole ratedByRole, Instant ratedAt) {
}
