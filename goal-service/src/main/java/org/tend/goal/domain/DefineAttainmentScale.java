package org.tend.goal.domain;

import java.time.Instant;
import java.util.Map;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Give one of a participant's goals a Goal Attainment Scaling scale, or replace it while the goal has no attainment
 * rating yet.
 *
 * @param weight            1–10; null means unweighted (1)
 * @param baselineLevel     where the participant starts: −1, or −2 when things cannot get worse
 * @param levelDescriptions what each of the five levels −2, −1, 0, +1, +2 looks like for this goal, 1–300
 *                          characters each; stays inside goal-service
 */
public record DefineAttainmentScale(@TargetAggregateIdentifier String participantId, String goalId, Integer weight,
                                    int baselineLevel, Map<Integer, String> levelDescriptions,
                                    GoalRole definedByRole, Instant definedAt) {
}
