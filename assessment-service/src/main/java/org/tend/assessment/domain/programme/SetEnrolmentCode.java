package org.tend.assessment.domain.programme;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** An administrator sets (or rotates) the code participants enrol with; the previous code stops working. */
public record SetEnrolmentCode(@TargetAggregateIdentifier String programmeId, String codeHash, String setBy,
                               Instant setAt) {
}
