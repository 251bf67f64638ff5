package org.tend.goal.domain;

import java.time.Instant;
import java.time.LocalDate;
import org.tend.kernel.PersonalData;

/**
 * A goal's new version ({@code version} 2, 3 …; the goal as set is version 1). The description is domain data, sealed
 * in the event store like {@link GoalSet}'s: stored, never published.
 */
public record GoalRevised(String participantId, String goalId, int version, @PersonalData String description,
                          LocalDate targetDate, GoalRole revisedByRole, Instant revisedAt) {
}
