package org.tend.assessment.domain.safety;

import java.time.Instant;
import org.tend.kernel.PersonalData;

/**
 * A participant's answers fired a critical-item rule (PHQ-9 item 9 ≥ 1, whatever the total): the programme's
 * practitioners must review it the same day. A domain event only: it is never published to Kafka, since even an
 * "anonymous" per-concern record could be linked to the participant by its time and programme
 * (docs/conventions.md).
 *
 * @param concernId stable id of the concern, derived from the assessment and the rule
 * @param rule the rule code from the instrument definition, e.g. {@code phq-9.item-9}
 */
public record SafetyConcernRaised(String concernId, String participantId, String programmeId, String assessmentId,
                                  String instrumentId, @PersonalData String rule, Instant raisedAt) {
}
