package org.tend.assessment.domain.care;

import java.time.Instant;

/**
 * Another concern was raised while the participant's care was already held: the same review covers it. Kept so the
 * concern is never placed again (by the safety net running late, say); internal, never published.
 */
public record ConcernAddedToHold(String participantId, String concernId, Instant raisedAt) {
}
