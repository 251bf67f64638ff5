package org.tend.goal.domain;

import java.time.Instant;
import java.time.LocalDate;
import org.tend.kernel.PersonalData;

/** A goal was agreed. The description is domain data: it is stored, never published. */
public record GoalSet(String participantId, String goalId, String interventionId, @PersonalData String description,
                      LocalDate targetDate, GoalRole setByRole, Instant setAt) {
}
