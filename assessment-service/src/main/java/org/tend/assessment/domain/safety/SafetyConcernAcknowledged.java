package org.tend.assessment.domain.safety;

import java.time.Instant;

/** A practitioner (by pseudonym) took a safety concern on. Never published, like the concern itself. */
public record SafetyConcernAcknowledged(String concernId, String assessmentId, String participantId,
                                        String programmeId, String practitionerId, Instant acknowledgedAt) {
}
