package org.tend.assessment.domain.assessment;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Expire an assessment left unfinished past its expiry; does nothing to one that is finished or not yet due. */
public record ExpireAssessment(@TargetAggregateIdentifier String assessmentId, Instant at) {
}
