package org.tend.assessment.domain.assessment;

import java.time.Instant;

/** A participant started an instrument; the version is pinned now, so the result is scored with it. */
public record AssessmentStarted(String assessmentId, String participantId, String programmeId, String instrumentId,
                                String instrumentVersion, Instant startedAt, Instant expiresAt) {
}
