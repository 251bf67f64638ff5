package org.tend.assessment.domain.programme;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** An administrator withdraws an invitation that has not been redeemed. */
public record RevokeInvitation(@TargetAggregateIdentifier String programmeId, String invitationId, String revokedBy,
                               Instant revokedAt) {
}
