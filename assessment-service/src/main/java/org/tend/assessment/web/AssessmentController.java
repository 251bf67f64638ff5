package org.tend.assessment.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.tend.assessment.config.AssessmentSettings;
import org.tend.assessment.domain.assessment.AssessmentStatus;
import org.tend.assessment.domain.assessment.RecordAnswers;
import org.tend.assessment.domain.assessment.StartAssessment;
import org.tend.assessment.domain.assessment.SubmitAssessment;
import org.tend.assessment.domain.safety.SafetyConcernIds;
import org.tend.assessment.query.AssessmentDetail;
import org.tend.assessment.query.AssessmentViews;
import org.tend.assessment.query.AssessmentViews.AssessmentSummary;
import org.tend.assessment.query.EventStoreDirectory;
import org.tend.assessment.query.SafetyAlerts;
import org.tend.assessment.web.AssessmentResponses.AssessmentView;
import org.tend.assessment.web.AssessmentResponses.NextStep;
import org.tend.plumbing.identity.Pseudonymizer;
import org.tend.plumbing.security.Caller;
import org.tend.plumbing.security.Role;
import org.tend.plumbing.web.ForbiddenException;
import org.tend.plumbing.web.NotFoundException;

/**
 * Taking assessments (in one call, or started, answered over time and submitted), and reading results: a participant
 * their own, a practitioner those of participants enrolled in a programme they serve.
 */
@RestController
@RequestMapping("/api/assessments")
class AssessmentController {

    /**
     * @param answers answer value by item id
     * @param submit {@code true}: score and complete now (or store nothing); otherwise start an assessment to answer
     *     over time
     */
    record TakeAssessmentRequest(@NotBlank @Size(max = 40) String instrumentId, Map<String, Integer> answers,
                                 Boolean submit) {
    }

    /** @param answers answers to keep, merged into those so far; {@code null} withdraws an answer */
    record RecordAnswersRequest(@NotNull Map<String, Integer> answers) {
    }

    private final Commands commands;
    private final EventStoreDirectory directory;
    private final AssessmentViews views;
    private final SafetyAlerts alerts;
    private final AssessmentResponses responses;
    private final AssessmentSettings settings;
    private final ReadYourWrites readYourWrites;

    AssessmentController(Commands commands, EventStoreDirectory directory, AssessmentViews views, SafetyAlerts alerts,
                         AssessmentResponses responses, AssessmentSettings settings, ReadYourWrites readYourWrites) {
        this.commands = commands;
        this.directory = directory;
        this.views = views;
        this.alerts = alerts;
        this.responses = responses;
        this.settings = settings;
        this.readYourWrites = readYourWrites;
    }

    @PostMapping
    ResponseEntity<AssessmentView> take(@Valid @RequestBody TakeAssessmentRequest request, Caller caller) {
        caller.require(Role.PARTICIPANT);
        String assessmentId = UUID.randomUUID().toString();
        Instant now = commands.now();
        commands.send(new StartAssessment(assessmentId, caller.pseudonym(), request.instrumentId(), request.answers(),
                Boolean.TRUE.equals(request.submit()), now, now.plus(settings.expireAfter())), "assessmentId");
        AssessmentDetail detail = detail(assessmentId);
        awaitReadModels(detail);
        return ResponseEntity.created(URI.create("/api/assessments/" + assessmentId))
                .body(responses.of(detail, false, true));
    }

    @PutMapping("/{assessmentId}/answers")
    AssessmentView answer(@PathVariable UUID assessmentId, @Valid @RequestBody RecordAnswersRequest request,
                          Caller caller) {
        caller.require(Role.PARTICIPANT);
        String id = owned(assessmentId, caller).assessmentId();
        commands.send(new RecordAnswers(id, caller.pseudonym(), request.answers(), commands.now()), "assessmentId");
        return responses.of(detail(id), false, false);
    }

    @PostMapping("/{assessmentId}/submission")
    AssessmentView submit(@PathVariable UUID assessmentId, Caller caller) {
        caller.require(Role.PARTICIPANT);
        String id = owned(assessmentId, caller).assessmentId();
        commands.send(new SubmitAssessment(id, caller.pseudonym(), commands.now()), "assessmentId");
        AssessmentDetail detail = detail(id);
        awaitReadModels(detail);
        return responses.of(detail, false, true);
    }

    /** The participant's own assessments, newest first, without item answers. */
    @GetMapping("/me")
    List<AssessmentView> mine(Caller caller) {
        caller.require(Role.PARTICIPANT);
        return views.ofParticipant(caller.pseudonym()).stream().map(s -> responses.summary(s, false)).toList();
    }

    /** What the participant should do next: follow-ups due after a positive screen, unfinished assessments. */
    @GetMapping("/next-steps")
    List<NextStep> nextSteps(Caller caller) {
        caller.require(Role.PARTICIPANT);
        Instant now = commands.now();
        List<AssessmentSummary> unfinished = views.ofParticipant(caller.pseudonym()).stream()
                .filter(s -> "started".equals(s.status()) && s.expiresAt().isAfter(now)).toList();
        return responses.nextSteps(views.followUpsOf(caller.pseudonym()), unfinished);
    }

    /** A participant's assessments, for a practitioner who serves the participant's programme. */
    @GetMapping
    List<AssessmentView> ofParticipant(@RequestParam(required = false) String participantId, Caller caller) {
        caller.require(Role.PRACTITIONER);
        if (participantId == null || participantId.isBlank()) {
            throw new BadRequestException("participantId", "required", "participantId is required");
        }
        if (!Pseudonymizer.isPseudonym(participantId)) {
            throw new BadRequestException("participantId", "pattern",
                    "participantId must be a pseudonymous id such as p_abcdefghijklmnopqrstuvwxyz");
        }
        requireServes(caller, participantId);
        return views.ofParticipant(participantId).stream().map(s -> responses.summary(s, true)).toList();
    }

    /** One assessment with its answers: the participant's own (to resume it), or for their practitioner. */
    @GetMapping("/{assessmentId}")
    AssessmentView get(@PathVariable UUID assessmentId, Caller caller) {
        caller.require(Role.PARTICIPANT, Role.PRACTITIONER);
        AssessmentDetail detail = detail(assessmentId.toString());
        if (caller.has(Role.PARTICIPANT) && detail.participantId().equals(caller.pseudonym())) {
            return responses.of(detail, false, false);
        }
        if (caller.has(Role.PRACTITIONER)) {
            requireServes(caller, detail.participantId());
            return responses.of(detail, true, false);
        }
        throw new NotFoundException("assessmentId", "There is no such assessment");
    }

    private AssessmentDetail owned(UUID assessmentId, Caller caller) {
        AssessmentDetail detail = detail(assessmentId.toString());
        if (!detail.participantId().equals(caller.pseudonym())) {
            throw new NotFoundException("assessmentId", "There is no such assessment");
        }
        return detail;
    }

    private AssessmentDetail detail(String assessmentId) {
        return AssessmentDetail.fold(directory.payloads(assessmentId))
                .orElseThrow(() -> new NotFoundException("assessmentId", "There is no such assessment"));
    }

    /** A practitioner sees a participant only while serving the programme the participant is enrolled in. */
    private void requireServes(Caller caller, String participantId) {
        boolean serves = directory.enrolmentOf(participantId)
                .flatMap(enrolment -> directory.find(enrolment.programmeId()))
                .map(programme -> programme.isServedBy(caller.pseudonym()))
                .orElse(false);
        if (!serves) {
            throw new ForbiddenException("You are not assigned to this participant's programme");
        }
    }

    /** The participant's next read shows the result, and the programme's practitioners already see any alert. */
    private void awaitReadModels(AssessmentDetail detail) {
        String id = detail.assessmentId();
        String status = detail.status().name().toLowerCase(java.util.Locale.ROOT);
        readYourWrites.await("assessment " + id, () -> {
            AssessmentSummary summary = views.find(id);
            return summary != null && status.equals(summary.status());
        });
        if (detail.status() == AssessmentStatus.COMPLETED) {
            for (String rule : detail.safetyRules()) {
                String concernId = SafetyConcernIds.of(id, rule);
                readYourWrites.await("safety alert " + concernId, () -> alerts.find(concernId).isPresent());
            }
        }
    }
}
