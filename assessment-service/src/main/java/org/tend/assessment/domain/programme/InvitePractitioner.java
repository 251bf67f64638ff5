package org.tend.assessment.domain.programme;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * An administrator invites a practitioner to serve the programme: a single-use code (only its hash is kept) that
 * expires.
 *
 * @param invitedBy the administrator's pseudonym (recorded in this service only)
 */
public record InvitePractitioner(@TargetAggregateIdentifier String programmeId, String invitationId, String codeHash,
                                 Instant expiresAt, String invitedBy, Instant invitedAt) {
}
