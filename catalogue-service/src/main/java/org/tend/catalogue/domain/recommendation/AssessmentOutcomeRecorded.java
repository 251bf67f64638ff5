package org.tend.catalogue.domain.recommendation;

import java.time.Instant;
import org.tend.kernel.PersonalData;

/** The recommendations of a participant took note of one completed assessment (each assessment once). */
public record AssessmentOutcomeRecorded(
        String participantId,
        String assessmentId,
        String programmeId,
        String instrumentId,
        String instrumentVersion,
        @PersonalData int totalScore,
        @PersonalData String band,
        Instant completedAt,
        Instant recordedAt) {
}
