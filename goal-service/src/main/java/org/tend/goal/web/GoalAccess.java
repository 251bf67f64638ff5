package org.tend.goal.web;

import org.springframework.stereotype.Component;
import org.tend.goal.domain.GoalRole;
import org.tend.goal.query.Enrolments;
import org.tend.goal.query.PractitionerAssignments;
import org.tend.plumbing.security.Caller;
import org.tend.plumbing.security.Role;
import org.tend.plumbing.web.ForbiddenException;
import org.tend.plumbing.web.InvalidInputException;

/**
 * Who may act for whom: a participant for themselves, a practitioner for participants enrolled in a programme they
 * are assigned to (both learned from assessment-service's events). HR and admin see no individual goals.
 */
@Component
class GoalAccess {

    /** The participant a request is about, and the role in which the caller acts for them. */
    record Acting(String participantId, GoalRole role) {
    }

    private final Enrolments enrolments;
    private final PractitionerAssignments assignments;

    GoalAccess(Enrolments enrolments, PractitionerAssignments assignments) {
        this.enrolments = enrolments;
        this.assignments = assignments;
    }

    /** Whom a new goal is for; the participant must be known as enrolled (else 422), in the caller's caseload (else 403). */
    Acting forNewGoal(Caller caller, String requestedParticipantId) {
        caller.require(Role.PARTICIPANT, Role.PRACTITIONER);
        boolean forSelf = caller.has(Role.PARTICIPANT)
                && (requestedParticipantId == null || requestedParticipantId.equals(caller.pseudonym()));
        if (!forSelf && !caller.has(Role.PRACTITIONER)) {
            throw new ForbiddenException("a participant sets goals only for themselves");
        }
        if (!forSelf && requestedParticipantId == null) {
            throw new InvalidInputException("participantId", "required",
                    "A practitioner names the participant the goal is for");
        }
        String participantId = forSelf ? caller.pseudonym() : requestedParticipantId;
        var programmes = enrolments.programmesOf(participantId);
        if (programmes.isEmpty()) {
            throw new InvalidInputException("participantId", "not-enrolled",
                    "The participant is not known to be enrolled in a programme");
        }
        if (!forSelf && !assignments.isAssignedToAny(caller.pseudonym(), programmes)) {
            throw new ForbiddenException("the participant is not in a programme this practitioner is assigned to");
        }
        return new Acting(participantId, forSelf ? GoalRole.PARTICIPANT : GoalRole.PRACTITIONER);
    }

    /** How the caller acts on an existing goal of the participant (403 unless it is theirs or in their caseload). */
    Acting forParticipant(Caller caller, String participantId) {
        caller.require(Role.PARTICIPANT, Role.PRACTITIONER);
        if (caller.has(Role.PARTICIPANT) && participantId.equals(caller.pseudonym())) {
            return new Acting(participantId, GoalRole.PARTICIPANT);
        }
        if (caller.has(Role.PRACTITIONER) && inCaseload(caller.pseudonym(), participantId)) {
            return new Acting(participantId, GoalRole.PRACTITIONER);
        }
        throw new ForbiddenException("the participant is not in a programme this practitioner is assigned to");
    }

    /** A practitioner reading a participant's goals. */
    void requireCaseload(Caller caller, String participantId) {
        caller.require(Role.PRACTITIONER);
        if (!inCaseload(caller.pseudonym(), participantId)) {
            throw new ForbiddenException("the participant is not in a programme this practitioner is assigned to");
        }
    }

    private boolean inCaseload(String practitionerId, String participantId) {
        return assignments.isAssignedToAny(practitionerId, enrolments.programmesOf(participantId));
    }
}
