package org.tend.assessment.domain.care;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A practitioner who has reviewed the participant releases the hold. */
public record ReleaseCareHold(@TargetAggregateIdentifier String holdId, String participantId, String releasedBy,
                              Instant releasedAt) {
}
