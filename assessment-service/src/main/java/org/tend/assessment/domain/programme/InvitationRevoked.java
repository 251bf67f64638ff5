package org.tend.assessment.domain.programme;

import java.time.Instant;

/** An invitation can no longer be redeemed. Internal: never published. */
public record InvitationRevoked(String programmeId, String invitationId, String revokedBy, Instant revokedAt) {
}
