package org.tend.goal.domain;

import java.time.Instant;
import org.tend.kernel.PersonalData;

/**
 * A goal's attainment was rated on its GAS scale; the latest rating is the goal's current level.
 *
 * @param gasTScore the participant's GAS T-score after this rating ({@link GasScore}), one decimal; null only in
 *                  events stored before it was recorded
 */
public record GoalAttainmentRated(String participantId, String goalId, @PersonalData int level, GoalRole ratedByRole,
                                  Instant ratedAt, @PersonalData Double gasTScore) {
}
