package org.tend.assessment.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Instant;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.tend.assessment.domain.enrolment.EnrolParticipant;
import org.tend.assessment.domain.enrolment.EnrolmentDirectory;
import org.tend.assessment.domain.enrolment.EnrolmentRecord;
import org.tend.plumbing.axon.Commands;
import org.tend.plumbing.security.Caller;
import org.tend.security.Role;
import org.tend.plumbing.web.NotFoundException;

/** A participant enrols in a programme and reads back their enrolment. */
@RestController
class EnrolmentController {

    /** {@code consent} must be given and true (422 {@code must-be-true} when false). */
    record EnrolRequest(
            @NotNull Boolean consent,
            @Size(min = 1, max = 40)
            @Pattern(regexp = ProgrammeController.SLUG, message = "must be a cohort code such as finance")
            String department) {
    }

    record EnrolmentResponse(String participantId, String programmeId, String department, boolean consentGiven,
                             Instant enrolledAt) {

        static EnrolmentResponse of(EnrolmentRecord e) {
            return new EnrolmentResponse(e.participantId(), e.programmeId(), e.department(), true, e.enrolledAt());
        }
    }

    private final Commands commands;
    private final EnrolmentDirectory enrolments;

    EnrolmentController(Commands commands, EnrolmentDirectory enrolments) {
        this.commands = commands;
        this.enrolments = enrolments;
    }

    @PostMapping("/api/programmes/{programmeId}/enrolments")
    ResponseEntity<EnrolmentResponse> enrol(@PathVariable UUID programmeId, @Valid @RequestBody EnrolRequest request,
                                            Caller caller) {
        caller.require(Role.PARTICIPANT);
        commands.send(new EnrolParticipant(caller.pseudonym(), programmeId.toString(), request.consent(),
                request.department(), commands.now()), "participantId");
        return ResponseEntity.created(URI.create("/api/enrolments/me")).body(mine(caller));
    }

    @GetMapping("/api/enrolments/me")
    EnrolmentResponse me(Caller caller) {
        caller.require(Role.PARTICIPANT);
        return mine(caller);
    }

    private EnrolmentResponse mine(Caller caller) {
        return enrolments.enrolmentOf(caller.pseudonym()).map(EnrolmentResponse::of)
                .orElseThrow(() -> new NotFoundException("participantId", "You are not enrolled in a programme"));
    }
}
