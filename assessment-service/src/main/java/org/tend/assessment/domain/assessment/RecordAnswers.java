package org.tend.assessment.domain.assessment;

import java.time.Instant;
import java.util.Map;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Keep some answers of an unfinished assessment. A {@code null} value withdraws that item's answer. Answers are merged
 * into those kept so far; the handler returns the answers kept afterwards.
 */
public record RecordAnswers(@TargetAggregateIdentifier String assessmentId, String participantId,
                            Map<String, Integer> answers, Instant recordedAt) {
}
