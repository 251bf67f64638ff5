package org.tend.assessment.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.tend.assessment.config.AssessmentSettings;
import org.tend.assessment.domain.programme.AccessCodes;
import org.tend.assessment.domain.programme.Assignment;
import org.tend.assessment.domain.programme.CreateProgramme;
import org.tend.assessment.domain.programme.Invitation;
import org.tend.assessment.domain.programme.InvitePractitioner;
import org.tend.contracts.OrganisationIds;
import org.tend.assessment.domain.programme.Programme;
import org.tend.assessment.domain.programme.ProgrammeDirectory;
import org.tend.assessment.domain.programme.ProgrammeProfile;
import org.tend.assessment.domain.programme.RevokeInvitation;
import org.tend.assessment.domain.programme.SetEnrolmentCode;
import org.tend.assessment.domain.programme.UnassignPractitioner;
import org.tend.assessment.query.ProgrammeViews;
import org.tend.assessment.query.ProgrammeViews.ProgrammeSummary;
import org.tend.plumbing.axon.AggregateStates;
import org.tend.plumbing.axon.Commands;
import org.tend.plumbing.security.Caller;
import org.tend.plumbing.security.RequiresRole;
import org.tend.security.Role;
import org.tend.plumbing.web.NoControlCharacters;
import org.tend.plumbing.web.NotFoundException;

/**
 * Programmes, managed by administrators: their settings, the code participants enrol with, and the invitations
 * through which practitioners join (administrators never see who redeemed one: an assignment is named by its id).
 */
@RestController
@RequestMapping("/api/programmes")
class ProgrammeController {

    static final String SLUG = "^[a-z0-9]+(-[a-z0-9]+)*$";

    record CreateProgrammeRequest(
            @NotBlank @Size(max = 40) @Pattern(regexp = SLUG, message = "must be a lower-case slug such as acme")
            String organisationId,
            @NotBlank @Size(min = 1, max = 120) @NoControlCharacters String name,
            @NotNull Integer minimumGroupSize,
            @Size(min = 1, max = 2000) @NoControlCharacters(multiLine = true) String crisisSignposting,
            @Size(max = 50) List<@NotBlank @Size(max = 40)
                    @Pattern(regexp = SLUG, message = "must be a lower-case slug such as engineering") String> departments) {
    }

    /** @param validForDays how long the invitation's code can be redeemed: 1–30 days, default 7 */
    record InvitationRequest(@Min(1) @Max(30) Integer validForDays) {
    }

    /**
     * A programme as its administrators see it: how many practitioners serve it and each assignment's id, never a
     * practitioner's pseudonym (which, with access to the streams, would lead to the people they serve).
     *
     * @param organisationId as given; {@code publishedOrganisationId} is the UUID the published events carry
     * @param enrolmentCode  the code participants enrol with, only in the answer that created it
     */
    record ProgrammeResponse(String programmeId, String organisationId, String publishedOrganisationId, String name,
                             int minimumGroupSize, String crisisSignposting, Instant createdAt,
                             Set<String> departments, int practitionerCount, List<Assignment> assignments,
                             boolean hasEnrolmentCode, String enrolmentCode) {

        static ProgrammeResponse of(ProgrammeProfile p, String enrolmentCode) {
            return new ProgrammeResponse(p.programmeId(), p.organisationId(),
                    OrganisationIds.published(p.organisationId()), p.name(), p.minimumGroupSize(),
                    p.crisisSignposting(), p.createdAt(), new TreeSet<>(p.departments()), p.assignments().size(),
                    p.assignments(), p.enrolmentCodeHash() != null, enrolmentCode);
        }
    }

    /** A new enrolment code: shown once; only its hash is kept. */
    record EnrolmentCodeResponse(String programmeId, String enrolmentCode, Instant setAt) {
    }

    /** A new invitation: its code is shown once; only its hash is kept. */
    record InvitationResponse(String invitationId, String programmeId, String code, Instant expiresAt) {
    }

    private static final int DEFAULT_INVITATION_DAYS = 7;

    private final Commands commands;
    private final AggregateStates states;
    private final ProgrammeDirectory directory;
    private final ProgrammeViews views;
    private final ReadYourWrites readYourWrites;
    private final AssessmentSettings settings;

    ProgrammeController(Commands commands, AggregateStates states, ProgrammeDirectory directory, ProgrammeViews views,
                        ReadYourWrites readYourWrites, AssessmentSettings settings) {
        this.commands = commands;
        this.states = states;
        this.directory = directory;
        this.views = views;
        this.readYourWrites = readYourWrites;
        this.settings = settings;
    }

    @RequiresRole(Role.ADMIN)
    @PostMapping
    ResponseEntity<ProgrammeResponse> create(@Valid @RequestBody CreateProgrammeRequest request, Caller caller) {
        String programmeId = UUID.randomUUID().toString();
        String signposting = request.crisisSignposting() == null
                ? settings.defaultCrisisSignposting() : request.crisisSignposting();
        String code = AccessCodes.generate();
        String hash = hashOf(code);
        commands.send(new CreateProgramme(programmeId, request.organisationId(), request.name(),
                request.minimumGroupSize(), signposting, commands.now(), request.departments(), hash,
                caller.pseudonym()), "programmeId");
        readYourWrites.await("programme " + programmeId,
                () -> views.contains(programmeId) && views.findCode(hash).isPresent());
        return ResponseEntity.created(URI.create("/api/programmes/" + programmeId))
                .body(ProgrammeResponse.of(profile(programmeId), code));
    }

    @RequiresRole(Role.ADMIN)
    @GetMapping("/{programmeId}")
    ProgrammeResponse get(@PathVariable UUID programmeId) {
        return ProgrammeResponse.of(profile(programmeId.toString()), null);
    }

    @RequiresRole(Role.ADMIN)
    @GetMapping
    List<ProgrammeSummary> list() {
        return views.all();
    }

    /** A new enrolment code for the programme; the previous one stops working at once. */
    @RequiresRole(Role.ADMIN)
    @PostMapping("/{programmeId}/enrolment-code")
    ResponseEntity<EnrolmentCodeResponse> rotateEnrolmentCode(@PathVariable UUID programmeId, Caller caller) {
        String id = programmeId.toString();
        profile(id);
        String code = AccessCodes.generate();
        String hash = hashOf(code);
        Instant now = commands.now();
        commands.send(new SetEnrolmentCode(id, hash, caller.pseudonym(), now), "programmeId");
        readYourWrites.await("enrolment code of " + id, () -> views.findCode(hash).isPresent());
        return ResponseEntity.status(201).body(new EnrolmentCodeResponse(id, code, now));
    }

    /** A single-use code a practitioner redeems, signed in, to serve the programme. */
    @RequiresRole(Role.ADMIN)
    @PostMapping("/{programmeId}/invitations")
    ResponseEntity<InvitationResponse> invite(@PathVariable UUID programmeId,
                                              @Valid @RequestBody(required = false) InvitationRequest request,
                                              Caller caller) {
        String id = programmeId.toString();
        profile(id);
        int days = request == null || request.validForDays() == null ? DEFAULT_INVITATION_DAYS
                : request.validForDays();
        String invitationId = UUID.randomUUID().toString();
        String code = AccessCodes.generate();
        String hash = hashOf(code);
        Instant now = commands.now();
        Instant expiresAt = now.plus(Duration.ofDays(days));
        commands.send(new InvitePractitioner(id, invitationId, hash, expiresAt, caller.pseudonym(), now),
                "programmeId");
        readYourWrites.await("invitation " + invitationId, () -> views.findCode(hash).isPresent());
        return ResponseEntity.created(URI.create("/api/programmes/" + id + "/invitations/" + invitationId))
                .body(new InvitationResponse(invitationId, id, code, expiresAt));
    }

    @RequiresRole(Role.ADMIN)
    @GetMapping("/{programmeId}/invitations")
    List<Invitation> invitations(@PathVariable UUID programmeId) {
        Instant now = commands.now();
        return states.read(Programme.class, programmeId.toString(), p -> p.invitations(now))
                .orElseThrow(() -> new NotFoundException("programmeId", "There is no programme " + programmeId));
    }

    @RequiresRole(Role.ADMIN)
    @DeleteMapping("/{programmeId}/invitations/{invitationId}")
    ResponseEntity<Void> revoke(@PathVariable UUID programmeId, @PathVariable UUID invitationId, Caller caller) {
        String id = programmeId.toString();
        profile(id);
        commands.send(new RevokeInvitation(id, invitationId.toString(), caller.pseudonym(), commands.now()),
                "programmeId");
        return ResponseEntity.noContent().build();
    }

    /** The practitioner of this assignment no longer serves the programme (nor sees its participants). */
    @RequiresRole(Role.ADMIN)
    @DeleteMapping("/{programmeId}/assignments/{assignmentId}")
    ResponseEntity<Void> unassign(@PathVariable UUID programmeId, @PathVariable UUID assignmentId, Caller caller) {
        String id = programmeId.toString();
        profile(id);
        commands.send(new UnassignPractitioner(id, assignmentId.toString(), caller.pseudonym(), commands.now()),
                "programmeId");
        return ResponseEntity.noContent().build();
    }

    static String hashOf(String code) {
        return AccessCodes.hash(AccessCodes.normalise(code).orElseThrow());
    }

    private ProgrammeProfile profile(String programmeId) {
        return directory.find(programmeId)
                .orElseThrow(() -> new NotFoundException("programmeId", "There is no programme " + programmeId));
    }
}
