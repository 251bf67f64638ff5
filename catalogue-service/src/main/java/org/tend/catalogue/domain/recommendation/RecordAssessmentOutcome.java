package org.tend.catalogue.domain.recommendation;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * A scored assessment of the participant arrived (assessment-service's {@code assessment-completed}).
 *
 * @param totalScore on the scale of the stepped-care rules (WHO-5: the percentage score)
 * @param receivedAt when this service learned of it; the time recommendations are issued at
 */
public record RecordAssessmentOutcome(
        @TargetAggregateIdentifier String participantId,
        String assessmentId,
        String programmeId,
        String instrumentId,
        String instrumentVersion,
        int totalScore,
        String band,
        Instant completedAt,
        Instant receivedAt) {
}
