package org.tend.assessment.domain.care;

import java.time.Instant;

/** A practitioner released the hold; who did stays in this service (the published record does not carry it). */
public record CareHoldReleased(String participantId, String releasedBy, Instant releasedAt) {
}
