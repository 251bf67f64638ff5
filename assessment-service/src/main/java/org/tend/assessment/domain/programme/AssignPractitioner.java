package org.tend.assessment.domain.programme;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Make a practitioner (known by pseudonym only) one of the programme's practitioners. */
public record AssignPractitioner(@TargetAggregateIdentifier String programmeId, String practitionerId,
                                 Instant assignedAt) {
}
