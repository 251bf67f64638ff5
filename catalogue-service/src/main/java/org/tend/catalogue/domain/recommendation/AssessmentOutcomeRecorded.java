package org.tend.catalogue.domain.recommendation;

import java.time.Instant;

/** The recommendations of a participant took note of one completed assessment (each assessment once). */
public record AssessmentOutcomeRecorded(
        String participantId,
        String assessmentId,
        String programmeId,
        String instrumentId,
        String instrumentVersion,
        int totalScore,
        String band,
        Instant completedAt,
        Instant recordedAt) {
}
