package org.tend.assessment.domain.assessment;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Score the answers kept so far and complete the assessment; refused, storing nothing, if any answer is missing. */
public record SubmitAssessment(@TargetAggregateIdentifier String assessmentId, String participantId,
                               Instant submittedAt) {
}
