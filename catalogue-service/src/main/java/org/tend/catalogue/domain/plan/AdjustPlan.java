package org.tend.catalogue.domain.plan;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.tend.catalogue.domain.SteppedCareLevel;

/**
 * Adjust a participant's care plan. The caller has checked what the plan cannot know: that the caller may act for the
 * participant and that the interventions named are in the catalogue.
 *
 * @param planId                 {@link CarePlan#idOf} the participant
 * @param interventionId         the intervention added, stopped or switched to; {@code null} for a step
 * @param replacedInterventionId for a switch, the active intervention that ends
 * @param note                   optional, at most {@link CarePlan#MAX_NOTE_LENGTH} characters; stays in this service
 * @param recommendedLevel       the level of the participant's latest recommendations, where the plan starts when
 *                               it has no level yet; {@code null} when none was issued
 * @param adjustedBy             the pseudonym of whoever adjusts the plan
 */
public record AdjustPlan(@TargetAggregateIdentifier String planId, String participantId, String adjustmentId, PlanChange change,
                         String interventionId, String replacedInterventionId, PlanReason reason, String note,
                         SteppedCareLevel recommendedLevel, String adjustedBy, PlanRole role, Instant adjustedAt) {
}
