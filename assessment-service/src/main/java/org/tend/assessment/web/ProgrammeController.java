package org.tend.assessment.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.tend.assessment.config.AssessmentSettings;
import org.tend.assessment.domain.programme.AssignPractitioner;
import org.tend.assessment.domain.programme.CreateProgramme;
import org.tend.assessment.domain.programme.OrganisationIds;
import org.tend.assessment.domain.programme.ProgrammeDirectory;
import org.tend.assessment.domain.programme.ProgrammeProfile;
import org.tend.assessment.query.ProgrammeViews;
import org.tend.assessment.query.ProgrammeViews.ProgrammeSummary;
import org.tend.assessment.query.SafetyAlerts;
import org.tend.plumbing.identity.Pseudonymizer;
import org.tend.plumbing.axon.Commands;
import org.tend.plumbing.security.Caller;
import org.tend.security.Role;
import org.tend.plumbing.web.NoControlCharacters;
import org.tend.plumbing.web.NotFoundException;

/** Programmes, managed by administrators. */
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

    record AssignPractitionerRequest(@NotBlank @Size(max = 255) @NoControlCharacters String practitionerSubject) {
    }

    /**
     * @param organisationId as given; {@code publishedOrganisationId} is the UUID the published events carry
     * @param practitionerIds the practitioners' pseudonyms (their login subjects are never stored)
     */
    record ProgrammeResponse(String programmeId, String organisationId, String publishedOrganisationId, String name,
                             int minimumGroupSize, String crisisSignposting, Set<String> practitionerIds,
                             Instant createdAt, Set<String> departments) {

        static ProgrammeResponse of(ProgrammeProfile p) {
            return new ProgrammeResponse(p.programmeId(), p.organisationId(),
                    OrganisationIds.published(p.organisationId()), p.name(), p.minimumGroupSize(),
                    p.crisisSignposting(), new TreeSet<>(p.practitioners()), p.createdAt(),
                    new TreeSet<>(p.departments()));
        }
    }

    record AssignmentResponse(String programmeId, String practitionerId) {
    }

    private final Commands commands;
    private final ProgrammeDirectory directory;
    private final ProgrammeViews views;
    private final SafetyAlerts safetyAlerts;
    private final Pseudonymizer pseudonymizer;
    private final AssessmentSettings settings;
    private final ReadYourWrites readYourWrites;

    ProgrammeController(Commands commands, ProgrammeDirectory directory, ProgrammeViews views,
                        SafetyAlerts safetyAlerts, Pseudonymizer pseudonymizer, AssessmentSettings settings,
                        ReadYourWrites readYourWrites) {
        this.commands = commands;
        this.directory = directory;
        this.views = views;
        this.safetyAlerts = safetyAlerts;
        this.pseudonymizer = pseudonymizer;
        this.settings = settings;
        this.readYourWrites = readYourWrites;
    }

    @PostMapping
    ResponseEntity<ProgrammeResponse> create(@Valid @RequestBody CreateProgrammeRequest request, Caller caller) {
        caller.require(Role.ADMIN);
        String programmeId = UUID.randomUUID().toString();
        String signposting = request.crisisSignposting() == null
                ? settings.defaultCrisisSignposting() : request.crisisSignposting();
        commands.send(new CreateProgramme(programmeId, request.organisationId(), request.name(),
                request.minimumGroupSize(), signposting, commands.now(), request.departments()), "programmeId");
        readYourWrites.await("programme " + programmeId, () -> views.contains(programmeId));
        return ResponseEntity.created(URI.create("/api/programmes/" + programmeId)).body(profile(programmeId));
    }

    /** Assigning the same practitioner again is not an error and changes nothing. */
    @PostMapping("/{programmeId}/practitioners")
    AssignmentResponse assign(@PathVariable UUID programmeId, @Valid @RequestBody AssignPractitionerRequest request,
                              Caller caller) {
        caller.require(Role.ADMIN);
        String id = programmeId.toString();
        profile(id);
        String practitionerId = pseudonymizer.pseudonymFor(request.practitionerSubject());
        commands.send(new AssignPractitioner(id, practitionerId, commands.now()), "programmeId");
        readYourWrites.await("assignment to " + id, () -> safetyAlerts.routes(id, practitionerId));
        return new AssignmentResponse(id, practitionerId);
    }

    @GetMapping("/{programmeId}")
    ProgrammeResponse get(@PathVariable UUID programmeId, Caller caller) {
        caller.require(Role.ADMIN);
        return profile(programmeId.toString());
    }

    @GetMapping
    List<ProgrammeSummary> list(Caller caller) {
        caller.require(Role.ADMIN);
        return views.all();
    }

    private ProgrammeResponse profile(String programmeId) {
        return directory.find(programmeId).map(ProgrammeResponse::of)
                .orElseThrow(() -> new NotFoundException("programmeId", "There is no programme " + programmeId));
    }
}
