package org.tend.assessment.query;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.Message;
import org.springframework.stereotype.Component;
import org.tend.assessment.domain.enrolment.EnrolmentDirectory;
import org.tend.assessment.domain.enrolment.EnrolmentRecord;
import org.tend.assessment.domain.enrolment.ParticipantEnrolled;
import org.tend.assessment.domain.programme.PractitionerAssigned;
import org.tend.assessment.domain.programme.ProgrammeCreated;
import org.tend.assessment.domain.programme.ProgrammeDirectory;
import org.tend.assessment.domain.programme.ProgrammeProfile;

/**
 * Programmes and enrolments read straight from their event streams: always as of the latest stored event, so a
 * command may rely on what the previous request wrote (a programme can be enrolled in the moment it is created),
 * where the Mongo read models catch up a few milliseconds later. A stream is a handful of events; reading it takes
 * no lock. A stream of another aggregate type (an id that names an assessment, say) reads as absent.
 */
@Component
public class EventStoreDirectory implements ProgrammeDirectory, EnrolmentDirectory {

    private final EventStore events;

    public EventStoreDirectory(EventStore events) {
        this.events = events;
    }

    @Override
    public Optional<ProgrammeProfile> find(String programmeId) {
        List<Object> stream = payloads(programmeId);
        if (stream.isEmpty() || !(stream.get(0) instanceof ProgrammeCreated created)) {
            return Optional.empty();
        }
        Set<String> practitioners = new HashSet<>();
        for (Object event : stream) {
            if (event instanceof PractitionerAssigned assigned) {
                practitioners.add(assigned.practitionerId());
            }
        }
        return Optional.of(new ProgrammeProfile(created.programmeId(), created.organisationId(), created.name(),
                created.minimumGroupSize(), created.crisisSignposting(), practitioners, created.createdAt(),
                Set.copyOf(created.departments())));
    }

    /** The participant's enrolment (the stream whose id is their pseudonym). */
    @Override
    public Optional<EnrolmentRecord> enrolmentOf(String participantId) {
        List<Object> stream = payloads(participantId);
        if (stream.isEmpty() || !(stream.get(0) instanceof ParticipantEnrolled enrolled)) {
            return Optional.empty();
        }
        return Optional.of(new EnrolmentRecord(enrolled.participantId(), enrolled.programmeId(), enrolled.department(),
                enrolled.enrolledAt()));
    }

    /** Every payload of one aggregate's stream, oldest first. */
    public List<Object> payloads(String aggregateId) {
        if (aggregateId == null || aggregateId.isBlank()) {
            return List.of();
        }
        return events.readEvents(aggregateId).asStream().map(Message::getPayload).map(p -> (Object) p).toList();
    }
}
