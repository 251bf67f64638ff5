package org.tend.assessment.domain.programme;

import java.time.Instant;

/**
 * One invitation of a programme as the administrator sees it: never its code, never who redeemed it.
 *
 * @param status {@code open}, {@code redeemed}, {@code revoked} or {@code expired} (as of {@code now})
 */
public record Invitation(String invitationId, String status, Instant invitedAt, Instant expiresAt,
                         Instant redeemedAt, Instant revokedAt) {
}
