package org.tend.assessment.domain.assessment;

import java.time.Instant;
import java.util.Map;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * A participant starts an instrument, optionally with answers, and optionally submits at once (the one-call flow:
 * score and complete, or store nothing).
 *
 * @param answers answer value by item id; may be empty
 * @param submit whether to score and complete now
 * @param expiresAt when an unfinished assessment expires
 */
public record StartAssessment(@TargetAggregateIdentifier String assessmentId, String participantId,
                              String instrumentId, Map<String, Integer> answers, boolean submit, Instant startedAt,
                              Instant expiresAt) {

    public StartAssessment {
        answers = answers == null ? Map.of() : answers;
    }
}
