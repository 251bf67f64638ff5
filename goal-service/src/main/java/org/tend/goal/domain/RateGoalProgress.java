package org.tend.goal.domain;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Rate progress towards one of a participant's goals on the GBO scale (0 no progress … 10 goal reached). */
public record RateGoalProgress(@TargetAggregateIdentifier String participantId, String goalId, int rating,
                               GoalRole ratedByRole, Instant ratedAt) {
}
