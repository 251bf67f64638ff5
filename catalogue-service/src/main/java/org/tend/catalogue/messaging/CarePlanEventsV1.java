package org.tend.catalogue.messaging;

import java.time.Instant;
import java.util.List;

/** The care plan's published records: codes, ids and times; a practitioner's note never travels. */
final class CarePlanEventsV1 {

    private CarePlanEventsV1() {
    }

    /** {@code tend.catalogue.plan-adjusted.v1}. */
    record PlanAdjustedV1(String adjustmentId, String participantId, int episode, String change, String reason,
                          String previousLevel, String level, String interventionId, String replacedInterventionId,
                          List<String> interventions, String adjustedBy, String adjustedByRole, Instant adjustedAt) {
    }

    /** {@code tend.catalogue.plan-reviewed.v1}; {@code episode} is absent before the plan's first adjustment. */
    record PlanReviewedV1(String reviewId, String participantId, Integer episode, String decision, String reason,
                          String reviewedBy, String reviewedByRole, Instant reviewedAt) {
    }
}
