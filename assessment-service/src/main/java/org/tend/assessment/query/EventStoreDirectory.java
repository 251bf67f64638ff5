package org.tend.assessment.query;

import java.util.Optional;
import org.springframework.stereotype.Component;
import org.tend.assessment.domain.enrolment.Enrolment;
import org.tend.assessment.domain.enrolment.EnrolmentDirectory;
import org.tend.assessment.domain.enrolment.EnrolmentRecord;
import org.tend.assessment.domain.programme.Programme;
import org.tend.assessment.domain.programme.ProgrammeDirectory;
import org.tend.assessment.domain.programme.ProgrammeProfile;
import org.tend.plumbing.axon.AggregateStates;

/**
 * Programmes and enrolments as their aggregates hold them, read from the event store: always as of the latest stored
 * event, so a command may rely on what the previous request wrote (a programme can be enrolled in the moment it is
 * created), where the Mongo read models catch up a few milliseconds later. The read takes no lock.
 */
@Component
public class EventStoreDirectory implements ProgrammeDirectory, EnrolmentDirectory {

    private final AggregateStates states;

    public EventStoreDirectory(AggregateStates states) {
        this.states = states;
    }

    @Override
    public Optional<ProgrammeProfile> find(String programmeId) {
        return states.read(Programme.class, programmeId, Programme::profile);
    }

    /** The participant's enrolment (the stream whose id is their pseudonym). */
    @Override
    public Optional<EnrolmentRecord> enrolmentOf(String participantId) {
        return states.read(Enrolment.class, participantId, Enrolment::record);
    }
}
