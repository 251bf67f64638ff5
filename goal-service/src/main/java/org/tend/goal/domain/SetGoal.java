package org.tend.goal.domain;

import java.time.Instant;
import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Agree a goal for a participant. The caller has already checked what the aggregate cannot know (the
 * intervention is in the catalogue, the participant is enrolled, the caller may act for them).
 *
 * @param description SMART wording, 1–500 characters; stays inside goal-service
 * @param targetDate  optional date by which the goal should be reached
 * @param maxActiveGoals how many goals the participant may have active at once: their programme's setting, which the
 *                       caller looks up (the aggregate cannot)
 */
public record SetGoal(@TargetAggregateIdentifier String participantId, String goalId, String interventionId,
                      String description, LocalDate targetDate, GoalRole setByRole, Instant setAt,
                      int maxActiveGoals) {
}
