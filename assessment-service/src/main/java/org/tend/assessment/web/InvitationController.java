package org.tend.assessment.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Instant;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.tend.assessment.domain.programme.ProgrammeDirectory;
import org.tend.assessment.domain.programme.RedeemInvitation;
import org.tend.assessment.query.SafetyAlerts;
import org.tend.plumbing.axon.Commands;
import org.tend.plumbing.security.Caller;
import org.tend.plumbing.security.RequiresRole;
import org.tend.plumbing.web.NoControlCharacters;
import org.tend.plumbing.web.NotFoundException;
import org.tend.security.Role;

/**
 * A practitioner redeems an invitation with their own token: they become one of the programme's practitioners,
 * known to the platform by pseudonym only, and nobody typed their login anywhere.
 */
@RestController
class InvitationController {

    record RedeemRequest(@NotBlank @Size(max = 64) @NoControlCharacters String code) {
    }

    record AssignmentView(String programmeId, String programmeName, Instant assignedAt) {
    }

    private final Commands commands;
    private final AccessCodeLookup codes;
    private final ProgrammeDirectory programmes;
    private final SafetyAlerts alerts;
    private final ReadYourWrites readYourWrites;

    InvitationController(Commands commands, AccessCodeLookup codes, ProgrammeDirectory programmes,
                         SafetyAlerts alerts, ReadYourWrites readYourWrites) {
        this.commands = commands;
        this.codes = codes;
        this.programmes = programmes;
        this.alerts = alerts;
        this.readYourWrites = readYourWrites;
    }

    @RequiresRole(Role.PRACTITIONER)
    @PostMapping("/api/invitations/redemptions")
    ResponseEntity<AssignmentView> redeem(@Valid @RequestBody RedeemRequest request, Caller caller) {
        String notFound = "No invitation has this code";
        AccessCodeLookup.Found code = codes.find("code", request.code(), notFound);
        if (code.target().invitationId() == null) {
            throw new NotFoundException("code", notFound);
        }
        String programmeId = code.target().programmeId();
        Instant now = commands.now();
        commands.send(new RedeemInvitation(programmeId, code.hash(), caller.pseudonym(), now), "code");
        // From the answer on, the practitioner sees the programme's open safety alerts.
        readYourWrites.await("assignment to " + programmeId, () -> alerts.routes(programmeId, caller.pseudonym()));
        String name = programmes.find(programmeId).map(p -> p.name()).orElse(null);
        return ResponseEntity.created(URI.create("/api/programmes/" + programmeId)).body(
                new AssignmentView(programmeId, name, now));
    }
}
