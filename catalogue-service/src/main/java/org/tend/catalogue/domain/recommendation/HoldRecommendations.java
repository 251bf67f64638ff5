package org.tend.catalogue.domain.recommendation;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** assessment-service placed the participant's care hold: show no automated recommendation until released. */
public record HoldRecommendations(@TargetAggregateIdentifier String participantId, Instant placedAt) {
}
