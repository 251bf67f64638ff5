package org.tend.goal.domain;

import java.time.Instant;
import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * A new version of an active goal: its wording and target date as they are from now on (the earlier versions are
 * kept). The same rules as for setting a goal apply to both.
 *
 * @param targetDate null for no target date
 */
public record ReviseGoal(@TargetAggregateIdentifier String participantId, String goalId, String description,
                         LocalDate targetDate, GoalRole revisedByRole, Instant revisedAt) {
}
