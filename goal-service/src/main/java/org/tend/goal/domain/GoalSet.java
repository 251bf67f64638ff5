package org.tend.goal.domain;

import java.time.Instant;
import java.time.LocalDate;

/** A goal was agreed. The description is domain data: it is stored, never published. */
public record GoalSet(String participantId, String goalId, String interventionId, String description,
                      LocalDate targetDate, GoalRole setByRole, Instant setAt) {
}
