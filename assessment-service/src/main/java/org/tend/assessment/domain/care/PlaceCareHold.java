package org.tend.assessment.domain.care;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Hold a participant's automated recommendations because their answers raised a safety concern. */
public record PlaceCareHold(@TargetAggregateIdentifier String holdId, String participantId, String concernId,
                            Instant placedAt) {
}
