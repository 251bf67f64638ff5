package org.tend.catalogue.domain.recommendation;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A practitioner reviewed the participant and released the hold. */
public record ReleaseRecommendations(@TargetAggregateIdentifier String participantId, Instant releasedAt) {
}
