package org.tend.assessment.domain.assessment;

import java.time.Instant;
import org.tend.kernel.PersonalData;

/**
 * A screener came out positive (PHQ-2 ≥ 3, GAD-2 ≥ 3, WHO-5 ≤ 50 %, as its definition's {@code screensFor} says):
 * the participant should now take {@code instrumentId}. Cleared when they complete it.
 */
public record FollowUpAssessmentDue(String participantId, String programmeId, String instrumentId,
                                    String becauseAssessmentId, String becauseInstrumentId,
                                    @PersonalData String becauseBand,
                                    Instant dueAt) {
}
