package org.tend.goal.web;

import org.springframework.stereotype.Component;
import org.tend.goal.domain.GoalRole;
import org.tend.plumbing.audit.Audit;
import org.tend.plumbing.caseload.Caseload;
import org.tend.plumbing.caseload.CaseloadDirectory;
import org.tend.plumbing.security.Caller;
import org.tend.security.Role;
import org.tend.plumbing.web.ForbiddenException;
import org.tend.plumbing.web.InvalidInputException;

/**
 * Who may act for whom ({@link Caseload}: a participant for themselves, a practitioner for the participants of the
 * programmes they serve), and in which role the goal records it. HR and admin see no individual goals.
 */
@Component
class GoalAccess {

    /** The participant a request is about, and the role in which the caller acts for them. */
    record Acting(String participantId, GoalRole role) {
    }

    private final CaseloadDirectory caseloads;

    GoalAccess(CaseloadDirectory caseloads) {
        this.caseloads = caseloads;
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
        if (caseloads.programmesOf(participantId).isEmpty()) {
            throw new InvalidInputException("participantId", "not-enrolled",
                    "The participant is not known to be enrolled in a programme");
        }
        return forNewData(caller, participantId);
    }

    /**
     * How the caller records something new about the participant (a rating, a scale): as {@link #forParticipant},
     * and refused (409 {@code consent-withdrawn}) while the participant has withdrawn consent.
     */
    Acting forNewData(Caller caller, String participantId) {
        Acting acting = forParticipant(caller, participantId);
        caseloads.requireConsent(participantId);
        return acting;
    }

    /** How the caller acts on an existing goal of the participant (403 unless it is theirs or in their caseload). */
    Acting forParticipant(Caller caller, String participantId) {
        caller.require(Role.PARTICIPANT, Role.PRACTITIONER);
        Audit.participant(participantId);
        Caseload.Access access = caseloads.require(caller, participantId);
        return new Acting(participantId, access == Caseload.Access.OWN ? GoalRole.PARTICIPANT : GoalRole.PRACTITIONER);
    }
}
