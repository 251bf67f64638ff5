package org.tend.assessment.domain.programme;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * An administrator ends a practitioner's assignment, named by its assignment id (administrators never see a
 * practitioner's pseudonym).
 */
public record UnassignPractitioner(@TargetAggregateIdentifier String programmeId, String assignmentId,
                                   String unassignedBy, Instant unassignedAt) {
}
