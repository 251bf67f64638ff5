package org.tend.assessment.domain.programme;

import java.time.Instant;

/** An invitation to serve the programme was created. Internal: never published. */
public record PractitionerInvited(String programmeId, String invitationId, String codeHash, Instant expiresAt,
                                  String invitedBy, Instant invitedAt) {
}
