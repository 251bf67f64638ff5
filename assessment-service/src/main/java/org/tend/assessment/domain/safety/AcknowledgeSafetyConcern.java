package org.tend.assessment.domain.safety;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A practitioner of the programme takes a safety concern on: the alert stops being open. */
public record AcknowledgeSafetyConcern(@TargetAggregateIdentifier String assessmentId, String concernId,
                                       String practitionerId, Instant acknowledgedAt) {
}
