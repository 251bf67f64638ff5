package org.tend.catalogue.domain.recommendation;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * A practitioner reviewed the participant and released the hold.
 *
 * @param consentStands whether the participant's consent stands: a release while it is withdrawn lifts the hold but
 *                      issues nothing (withdrawn consent stops recommendations)
 */
public record ReleaseRecommendations(@TargetAggregateIdentifier String participantId, Instant releasedAt,
                                     boolean consentStands) {
}
