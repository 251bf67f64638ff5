package org.tend.assessment.web;

import java.util.List;
import org.springframework.stereotype.Component;
import org.tend.assessment.query.EventStoreDirectory;
import org.tend.plumbing.caseload.Caseload;
import org.tend.plumbing.security.Caller;
import org.tend.plumbing.web.ForbiddenException;

/**
 * A practitioner sees a participant only while serving the programme the participant is enrolled in: the platform's
 * one caseload rule over this service's own programmes and enrolments, as of their latest events.
 */
@Component
class PractitionerAccess {

    private final EventStoreDirectory directory;

    PractitionerAccess(EventStoreDirectory directory) {
        this.directory = directory;
    }

    void requireServes(Caller caller, String participantId) {
        List<String> enrolledIn = directory.enrolmentOf(participantId).map(e -> List.of(e.programmeId()))
                .orElse(List.of());
        if (Caseload.access(caller, participantId, enrolledIn, programme -> directory.find(programme)
                .map(p -> p.isServedBy(caller.pseudonym())).orElse(false)) != Caseload.Access.ASSIGNED_PRACTITIONER) {
            throw new ForbiddenException("You are not assigned to this participant's programme");
        }
    }
}
