package org.tend.assessment.domain.assessment;

import java.time.Instant;

/** An assessment was left unfinished past its expiry; its partial answers are never scored. */
public record AssessmentExpired(String assessmentId, String participantId, String programmeId, String instrumentId,
                                Instant expiredAt) {
}
