package org.tend.assessment.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Instant;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.tend.assessment.domain.enrolment.EnrolParticipant;
import org.tend.assessment.domain.enrolment.EnrolmentDirectory;
import org.tend.assessment.domain.enrolment.EnrolmentRecord;
import org.tend.assessment.domain.enrolment.RenewConsent;
import org.tend.assessment.domain.enrolment.WithdrawConsent;
import org.tend.assessment.domain.programme.ProgrammeDirectory;
import org.tend.plumbing.axon.Commands;
import org.tend.plumbing.security.Caller;
import org.tend.plumbing.security.RequiresRole;
import org.tend.plumbing.web.NoControlCharacters;
import org.tend.plumbing.web.NotFoundException;
import org.tend.security.Role;

/**
 * A participant enrols in a programme with the programme's enrolment code (a programme whose id they merely guess
 * admits no one), and reads back their enrolment.
 */
@RestController
class EnrolmentController {

    /**
     * @param enrolmentCode the code the programme's administrator handed out
     * @param consent       must be given and true (422 {@code must-be-true} when false)
     */
    record EnrolRequest(
            @NotBlank @Size(max = 64) @NoControlCharacters String enrolmentCode,
            @NotNull Boolean consent,
            @Size(min = 1, max = 40)
            @Pattern(regexp = ProgrammeController.SLUG, message = "must be a cohort code such as finance")
            String department) {
    }

    /** @param consent must be given and true to consent again after a withdrawal */
    record ConsentRequest(@NotNull Boolean consent) {
    }

    /**
     * @param consentGiven      false from a withdrawal until the participant consents again
     * @param consentWithdrawnAt when they withdrew; absent while their consent stands
     * @param crisisSignposting where the programme tells its participants to find crisis support
     */
    record EnrolmentResponse(String participantId, String programmeId, String department, boolean consentGiven,
                             Instant enrolledAt, Instant consentWithdrawnAt, String crisisSignposting) {
    }

    private final Commands commands;
    private final EnrolmentDirectory enrolments;
    private final ProgrammeDirectory programmes;
    private final AccessCodeLookup codes;

    EnrolmentController(Commands commands, EnrolmentDirectory enrolments, ProgrammeDirectory programmes,
                        AccessCodeLookup codes) {
        this.commands = commands;
        this.enrolments = enrolments;
        this.programmes = programmes;
        this.codes = codes;
    }

    @RequiresRole(Role.PARTICIPANT)
    @PostMapping("/api/enrolments")
    ResponseEntity<EnrolmentResponse> enrol(@Valid @RequestBody EnrolRequest request, Caller caller) {
        String notFound = "No programme has this enrolment code";
        AccessCodeLookup.Found code = codes.find("enrolmentCode", request.enrolmentCode(), notFound);
        if (code.target().invitationId() != null) {
            throw new NotFoundException("enrolmentCode", notFound);
        }
        commands.send(new EnrolParticipant(caller.pseudonym(), code.target().programmeId(), request.consent(),
                request.department(), code.hash(), commands.now()), "participantId");
        return ResponseEntity.created(URI.create("/api/enrolments/me")).body(mine(caller));
    }

    @RequiresRole(Role.PARTICIPANT)
    @GetMapping("/api/enrolments/me")
    EnrolmentResponse me(Caller caller) {
        return mine(caller);
    }

    /**
     * Withdraws the participant's consent (GDPR Art. 7(3)): from now on no service accepts new data about them, their
     * recommendations stop, their practitioners see them as withdrawn, and HR figures leave them out from the next
     * period on. What is stored stays until they ask for erasure. 409 {@code not-enrolled} or
     * {@code already-withdrawn}.
     */
    @RequiresRole(Role.PARTICIPANT)
    @PostMapping("/api/enrolments/me/withdrawal")
    EnrolmentResponse withdraw(Caller caller) {
        commands.send(new WithdrawConsent(caller.pseudonym(), commands.now()), "participantId");
        return mine(caller);
    }

    /**
     * Consents again after a withdrawal; data is accepted from now on (nothing from the withdrawn time is filled in).
     * 422 {@code consent}/{@code must-be-true}; 409 {@code not-enrolled} or {@code consent-given}.
     */
    @RequiresRole(Role.PARTICIPANT)
    @PostMapping("/api/enrolments/me/consent")
    EnrolmentResponse consentAgain(@Valid @RequestBody ConsentRequest request, Caller caller) {
        commands.send(new RenewConsent(caller.pseudonym(), request.consent(), commands.now()), "participantId");
        return mine(caller);
    }

    private EnrolmentResponse mine(Caller caller) {
        EnrolmentRecord e = enrolments.enrolmentOf(caller.pseudonym())
                .orElseThrow(() -> new NotFoundException("participantId", "You are not enrolled in a programme"));
        String signposting = programmes.find(e.programmeId()).map(p -> p.crisisSignposting()).orElse(null);
        return new EnrolmentResponse(e.participantId(), e.programmeId(), e.department(), e.consentGiven(),
                e.enrolledAt(), e.withdrawnAt(), signposting);
    }
}
