package org.tend.goal.web;

import java.time.Instant;
import java.time.LocalDate;

final class GoalResponses {
    private GoalResponses() {
    }

    record GoalCreated(String goalId, String participantId, String interventionId, String description,
                       LocalDate targetDate, String scale, String setByRole, Instant setAt) {
    }

    record RatingRecorded(String goalId, String participantId, int rating, String ratedByRole, Instant ratedAt) {
    }
}
