package org.tend.goal.domain;

import java.time.Instant;

/** A goal ended. Its ratings stay, and its latest attainment level still counts in the participant's GAS T-score. */
public record GoalClosed(String participantId, String goalId, GoalClosure closure, GoalRole closedByRole,
                         Instant closedAt) {
}
