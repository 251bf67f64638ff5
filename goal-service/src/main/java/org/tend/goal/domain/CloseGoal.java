package org.tend.goal.domain;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** End a goal: achieved, or no longer relevant. It stops counting towards the active goals and takes no ratings. */
public record CloseGoal(@TargetAggregateIdentifier String participantId, String goalId, GoalClosure closure,
                        GoalRole closedByRole, Instant closedAt) {
}
