package org.tend.assessment.query;

import java.util.Optional;
import org.springframework.stereotype.Component;
import org.tend.assessment.domain.assessment.Assessment;
import org.tend.assessment.domain.assessment.AssessmentState;
import org.tend.keys.ParticipantKeys;
import org.tend.plumbing.axon.AggregateStates;

/**
 * One assessment with its answers, as its aggregate holds it after its latest event, so a participant resuming sees
 * every answer they just saved. A stream of a handful of events; reading it takes no lock and changes nothing.
 */
@Component
public class AssessmentStates {

    private final AggregateStates states;
    private final ParticipantKeys keys;

    public AssessmentStates(AggregateStates states, ParticipantKeys keys) {
        this.states = states;
        this.keys = keys;
    }

    /**
     * The assessment; empty when there is none (or the id names something else, such as a programme), or when its
     * participant was erased (what it said about them no longer reads).
     */
    public Optional<AssessmentState> find(String assessmentId) {
        return states.read(Assessment.class, assessmentId,
                assessment -> assessment.participantId() == null || keys.isErased(assessment.participantId()) ? null
                        : assessment.state());
    }
}
