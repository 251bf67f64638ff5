package org.tend.assessment.query;

import java.util.Optional;
import org.axonframework.config.Configuration;
import org.axonframework.eventsourcing.IncompatibleAggregateException;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;
import org.tend.assessment.domain.assessment.Assessment;
import org.tend.assessment.domain.assessment.AssessmentState;

/**
 * One assessment with its answers, read through its aggregate: the aggregate's own fold of its events, as of the
 * latest one, so a participant resuming sees every answer they just saved. A stream of a handful of events; reading
 * it takes no lock and changes nothing.
 */
@Component
public class AssessmentStates {

    private final Configuration axon;

    public AssessmentStates(Configuration axon) {
        this.axon = axon;
    }

    /** The assessment; empty when there is none (or the id names something else, such as a programme). */
    public Optional<AssessmentState> find(String assessmentId) {
        Repository<Assessment> repository = axon.repository(Assessment.class);
        ResultMessage<AssessmentState> read = DefaultUnitOfWork.startAndGet(null)
                .executeWithResult(() -> repository.load(assessmentId).invoke(Assessment::state));
        if (read.isExceptional()) {
            // No stream, or the stream of another aggregate type (it never sets an assessment's id).
            if (read.exceptionResult() instanceof AggregateNotFoundException
                    || read.exceptionResult() instanceof IncompatibleAggregateException) {
                return Optional.empty();
            }
            throw new IllegalStateException("cannot read assessment " + assessmentId, read.exceptionResult());
        }
        return Optional.ofNullable(read.getPayload());
    }
}
