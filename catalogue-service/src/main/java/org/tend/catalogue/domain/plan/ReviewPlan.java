package org.tend.catalogue.domain.plan;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A practitioner reviewed the plan and continues it as it is; the reason is coded, the note stays here. */
public record ReviewPlan(@TargetAggregateIdentifier String planId, String participantId, String reviewId, PlanReason reason,
                         String note, String reviewedBy, Instant reviewedAt) {
}
