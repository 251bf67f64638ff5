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
import org.tend.assessment.query.AssessmentStates;
import org.tend.assessment.query.AssessmentViews;
import org.tend.assessment.query.AssessmentViews.AssessmentSummary;
import org.tend.assessment.query.EventStoreDirectory;
import org.tend.assessment.query.SafetyAlerts;
import org.tend.assessment.web.AssessmentResponses.AssessmentView;
import org.tend.assessment.domain.assessment.AssessmentState;
import org.tend.assessment.domain.assessment.NextSteps.NextStep;
import org.tend.plumbing.axon.Commands;
import org.tend.plumbing.caseload.Caseload;
import org.tend.plumbing.security.Caller;
import org.tend.security.Role;
import org.tend.plumbing.web.BadRequestException;
import org.tend.plumbing.web.ForbiddenException;
import org.tend.plumbing.web.NoControlCharacters;
import org.tend.plumbing.web.NotFoundException;

/**
 * Taking assessments (in one call, or started, answered over time and submitted), and reading results: a participant
 * their own, a practitioner those of participants enrolled in a programme they serve.
 */
@RestController
@RequestMapping("/api/assessments")
class AssessmentController {

    /**
     * A coarse cap on the answers of any request, checked before the instrument is even looked up (400
     * {@code answers}/{@code range}); the exact bound is the instrument's item count, which the domain holds (422
     * {@code answers}/{@code too-many-answers}).
     */
    static final int MAX_ANSWERS = 100;

    /**
     * @param answers answer value by item id
     * @param submit {@code true}: score and complete now (or store nothing); otherwise start an assessment to answer
     *     over time
     */
    record TakeAssessmentRequest(@NotBlank @Size(max = 40) @NoControlCharacters String instrumentId,
                                 @Size(max = MAX_ANSWERS) Map<String, Integer> answers,
                                 Boolean submit) {
    }

    /** @param answers answers to keep, merged into those so far; {@code null} withdraws an answer */
    record RecordAnswersRequest(@NotNull @Size(max = MAX_ANSWERS) Map<String, Integer> answers) {
    }

    private final Commands commands;
    private final AssessmentStates states;
    private final EventStoreDirectory directory;
    private final AssessmentViews views;
    private final SafetyAlerts alerts;
    private final AssessmentResponses responses;
    private final AssessmentSettings settings;
    private final ReadYourWrites readYourWrites;

    AssessmentController(Commands commands, AssessmentStates states, EventStoreDirectory directory,
                         AssessmentViews views, SafetyAlerts alerts, AssessmentResponses responses,
                         AssessmentSettings settings, ReadYourWrites readYourWrites) {
        this.commands = commands;
        this.states = states;
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
        AssessmentState state = commands.send(new StartAssessment(assessmentId, caller.pseudonym(),
                request.instrumentId(), request.answers(), Boolean.TRUE.equals(request.submit()), now,
                now.plus(settings.expireAfter())), "assessmentId");
        awaitReadModels(state);
        return ResponseEntity.created(URI.create("/api/assessments/" + assessmentId))
                .body(responses.of(state, false, true));
    }

    /** Someone else's assessment is answered as if it did not exist (the aggregate decides: 404). */
    @PutMapping("/{assessmentId}/answers")
    AssessmentView answer(@PathVariable UUID assessmentId, @Valid @RequestBody RecordAnswersRequest request,
                          Caller caller) {
        caller.require(Role.PARTICIPANT);
        AssessmentState state = commands.send(new RecordAnswers(assessmentId.toString(), caller.pseudonym(),
                request.answers(), commands.now()), "assessmentId");
        return responses.of(state, false, false);
    }

    @PostMapping("/{assessmentId}/submission")
    AssessmentView submit(@PathVariable UUID assessmentId, Caller caller) {
        caller.require(Role.PARTICIPANT);
        AssessmentState state = commands.send(new SubmitAssessment(assessmentId.toString(), caller.pseudonym(),
                commands.now()), "assessmentId");
        awaitReadModels(state);
        return responses.of(state, false, true);
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
        return responses.waiting(views.followUpsOf(caller.pseudonym()), views.ofParticipant(caller.pseudonym()),
                commands.now());
    }

    /** A participant's assessments, for a practitioner who serves the participant's programme. */
    @GetMapping
    List<AssessmentView> ofParticipant(@RequestParam(required = false) String participantId, Caller caller) {
        caller.require(Role.PRACTITIONER);
        requireServes(caller, BadRequestException.requirePseudonym("participantId", participantId));
        return views.ofParticipant(participantId).stream().map(s -> responses.summary(s, true)).toList();
    }

    /** One assessment with its answers: the participant's own (to resume it), or for their practitioner. */
    @GetMapping("/{assessmentId}")
    AssessmentView get(@PathVariable UUID assessmentId, Caller caller) {
        caller.require(Role.PARTICIPANT, Role.PRACTITIONER);
        AssessmentState state = states.find(assessmentId.toString())
                .orElseThrow(() -> new NotFoundException("assessmentId", "There is no such assessment"));
        if (caller.has(Role.PARTICIPANT) && state.participantId().equals(caller.pseudonym())) {
            return responses.of(state, false, false);
        }
        if (caller.has(Role.PRACTITIONER)) {
            requireServes(caller, state.participantId());
            return responses.of(state, true, false);
        }
        throw new NotFoundException("assessmentId", "There is no such assessment");
    }

    /** A practitioner sees a participant only while serving the programme the participant is enrolled in. */
    private void requireServes(Caller caller, String participantId) {
        List<String> enrolledIn = directory.enrolmentOf(participantId).map(e -> List.of(e.programmeId()))
                .orElse(List.of());
        if (Caseload.access(caller, participantId, enrolledIn, programme -> directory.find(programme)
                .map(p -> p.isServedBy(caller.pseudonym())).orElse(false)) != Caseload.Access.ASSIGNED_PRACTITIONER) {
            throw new ForbiddenException("You are not assigned to this participant's programme");
        }
    }

    /**
     * The participant's next read shows the result, and the programme's practitioners already see any alert the
     * response tells the participant about. The read models follow the event store a few milliseconds behind.
     */
    private void awaitReadModels(AssessmentState state) {
        String id = state.assessmentId();
        String status = AssessmentResponses.code(state.status());
        readYourWrites.await("assessment " + id, () -> {
            AssessmentSummary summary = views.find(id);
            return summary != null && status.equals(summary.status());
        });
        if (state.status() == AssessmentStatus.COMPLETED) {
            for (String rule : state.safetyRules()) {
                String concernId = SafetyConcernIds.of(id, rule);
                readYourWrites.await("safety alert " + concernId, () -> alerts.find(concernId).isPresent());
            }
        }
    }
}
