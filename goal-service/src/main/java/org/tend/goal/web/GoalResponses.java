package org.tend.goal.web;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

final class GoalResponses {
    private GoalResponses() {
    }

    record GoalCreated(String goalId, String participantId, String interventionId, String description,
                       LocalDate targetDate, String scale, String setByRole, Instant setAt) {
    }

    record RatingRecorded(String goalId, String participantId, int rating, String ratedByRole, Instant ratedAt) {
    }

    /** The goal's GAS scale as defined; {@code levels} keyed "-2" … "2". */
    record AttainmentScaleSet(String goalId, String participantId, int weight, int baselineLevel,
                              Map<String, String> levels, String definedByRole, Instant definedAt) {
    }

    record AttainmentRatingRecorded(String goalId, String participantId, int level, String ratedByRole,
                                    Instant ratedAt) {
    }
}
