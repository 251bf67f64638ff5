package org.tend.assessment.domain.programme;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** An administrator changes a closed programme's retention period, before it has ended. */
public record ChangeRetention(@TargetAggregateIdentifier String programmeId, String retention, String changedBy,
                              Instant changedAt) {
}
