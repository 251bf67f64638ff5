package org.tend.assessment.web;

import java.time.Instant;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.tend.assessment.care.CareHolds;
import org.tend.assessment.domain.care.CareHold;
import org.tend.assessment.domain.care.CareHoldState;
import org.tend.assessment.domain.care.ReleaseCareHold;
import org.tend.plumbing.axon.Commands;
import org.tend.plumbing.security.Caller;
import org.tend.plumbing.security.RequiresRole;
import org.tend.plumbing.web.BadRequestException;
import org.tend.plumbing.web.ConflictException;
import org.tend.security.Role;

/**
 * Care holds: while a participant's answers have raised a safety concern that no practitioner has reviewed, the
 * catalogue shows them no automated recommendation, only that their practitioner will be in touch. A practitioner
 * of the participant's programme releases the hold after the review; the release records who and when.
 */
@RestController
@RequestMapping("/api/care-holds")
class CareHoldController {

    private final CareHolds holds;
    private final Commands commands;
    private final PractitionerAccess access;

    CareHoldController(CareHolds holds, Commands commands, PractitionerAccess access) {
        this.holds = holds;
        this.commands = commands;
        this.access = access;
    }

    /** The participant's own hold, as they see it. */
    record OwnHold(boolean held, Instant placedAt, Instant releasedAt) {
    }

    /** The participant's own hold (never placed reads as not held); not who released it. */
    @RequiresRole(Role.PARTICIPANT)
    @GetMapping("/me")
    OwnHold mine(Caller caller) {
        CareHoldState state = stateOf(caller.pseudonym());
        return new OwnHold(state.held(), state.placedAt(), state.releasedAt());
    }

    @RequiresRole(Role.PRACTITIONER)
    @GetMapping
    CareHoldState ofParticipant(@RequestParam(required = false) String participantId, Caller caller) {
        access.requireServes(caller, BadRequestException.requirePseudonym("participantId", participantId));
        return stateOf(participantId);
    }

    @RequiresRole(Role.PRACTITIONER)
    @PostMapping("/{participantId}/release")
    CareHoldState release(@PathVariable String participantId, Caller caller) {
        access.requireServes(caller, BadRequestException.requirePseudonym("participantId", participantId));
        if (!stateOf(participantId).held()) {
            throw new ConflictException("participantId", "not-held", "The participant's recommendations are not held");
        }
        return commands.send(new ReleaseCareHold(CareHold.idOf(participantId), participantId, caller.pseudonym(),
                commands.now()), "participantId");
    }

    private CareHoldState stateOf(String participantId) {
        return holds.of(participantId).orElse(new CareHoldState(participantId, false, null, null, null));
    }
}
