package org.tend.goal.domain;

import java.time.Instant;
import org.tend.kernel.PersonalData;

/**
 * Progress towards a goal was rated on the GBO 0–10 scale, with the goal's outcome at that moment.
 *
 * @param changeFromFirst      this rating minus the goal's first ({@link GboOutcome}); null on the first rating
 * @param changeClassification the change classified by {@link GoalScales}; null while not classified
 */
public record GoalProgressRated(String participantId, String goalId, @PersonalData int rating, GoalRole ratedByRole,
                                Instant ratedAt, @PersonalData Integer changeFromFirst,
                                @PersonalData String changeClassification) {
}
