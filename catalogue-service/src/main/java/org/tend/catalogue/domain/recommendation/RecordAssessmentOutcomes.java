package org.tend.catalogue.domain.recommendation;

import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Several of one participant's scored assessments, in the order they arrived: handled as that many
 * {@link RecordAssessmentOutcome}s one after the other (the same events, in the same order), but with the aggregate
 * loaded and its events appended once. A consumer catching up on a backlog finds a participant's PHQ-9, GAD-7 and
 * WHO-5 in one poll; one command each made the catalogue the slowest consumer.
 */
public record RecordAssessmentOutcomes(@TargetAggregateIdentifier String participantId,
                                       List<RecordAssessmentOutcome> outcomes) {

    public RecordAssessmentOutcomes {
        outcomes = List.copyOf(outcomes);
        if (outcomes.isEmpty()) {
            throw new IllegalArgumentException("no outcome to record");
        }
        for (RecordAssessmentOutcome outcome : outcomes) {
            if (!outcome.participantId().equals(participantId)) {
                throw new IllegalArgumentException("assessment " + outcome.assessmentId() + " is not about "
                        + participantId);
            }
        }
    }
}
