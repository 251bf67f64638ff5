package org.tend.assessment.domain.programme;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A practitioner, signed in with their own token, redeems an invitation's code. */
public record RedeemInvitation(@TargetAggregateIdentifier String programmeId, String codeHash, String practitionerId,
                               Instant redeemedAt) {
}
