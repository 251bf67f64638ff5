package org.tend.assessment.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Duration;
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
import org.tend.assessment.care.CareHolds;
import org.tend.assessment.query.AssessmentStates;
import org.tend.assessment.query.AssessmentViews;
import org.tend.assessment.query.AssessmentViews.AssessmentSummary;
import org.tend.assessment.query.SafetyAlerts;
import org.tend.assessment.web.AssessmentResponses.AssessmentView;
import org.tend.assessment.domain.assessment.AssessmentState;
import org.tend.assessment.domain.assessment.NextSteps.NextStep;
import org.tend.plumbing.audit.Audit;
import org.tend.plumbing.axon.Commands;
import org.tend.plumbing.security.Caller;
import org.tend.plumbing.security.RequiresRole;
import org.tend.security.Role;
import org.tend.plumbing.web.BadRequestException;
import org.tend.plumbing.web.FieldViolation;
import org.tend.plumbing.web.InvalidInputException;
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

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(AssessmentController.class);

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
    private final AssessmentViews views;
    private final SafetyAlerts alerts;
    private final AssessmentResponses responses;
    private final AssessmentSettings settings;
    private final ReadYourWrites readYourWrites;
    private final CareHolds careHolds;
    private final PractitionerAccess access;

    AssessmentController(Commands commands, AssessmentStates states,
                         AssessmentViews views, SafetyAlerts alerts, AssessmentResponses responses,
                         AssessmentSettings settings, ReadYourWrites readYourWrites, CareHolds careHolds,
                         PractitionerAccess access) {
        this.commands = commands;
        this.states = states;
        this.views = views;
        this.alerts = alerts;
        this.responses = responses;
        this.settings = settings;
        this.readYourWrites = readYourWrites;
        this.careHolds = careHolds;
        this.access = access;
    }

    @RequiresRole(Role.PARTICIPANT)
    @PostMapping
    ResponseEntity<AssessmentView> take(@Valid @RequestBody TakeAssessmentRequest request, Caller caller) {
        String assessmentId = UUID.randomUUID().toString();
        Instant now = commands.now();
        // Read-your-writes keeps the count current for one client; requests racing each other may pass a few more.
        if (views.startedSince(caller.pseudonym(), now.minus(Duration.ofDays(1)), settings.dailyLimit())
                >= settings.dailyLimit()) {
            throw new InvalidInputException(List.of(new FieldViolation("instrumentId", "daily-limit",
                    "No more than " + settings.dailyLimit() + " assessments may be started in 24 hours; "
                            + "try again later")));
        }
        AssessmentState state = commands.send(new StartAssessment(assessmentId, caller.pseudonym(),
                request.instrumentId(), request.answers(), Boolean.TRUE.equals(request.submit()), now,
                now.plus(settings.expireAfter())), "assessmentId");
        awaitReadModels(state);
        return ResponseEntity.created(URI.create("/api/assessments/" + assessmentId))
                .body(responses.of(state, false, true));
    }

    /** Someone else's assessment is answered as if it did not exist (the aggregate decides: 404). */
    @RequiresRole(Role.PARTICIPANT)
    @PutMapping("/{assessmentId}/answers")
    AssessmentView answer(@PathVariable UUID assessmentId, @Valid @RequestBody RecordAnswersRequest request,
                          Caller caller) {
        AssessmentState state = commands.send(new RecordAnswers(assessmentId.toString(), caller.pseudonym(),
                request.answers(), commands.now()), "assessmentId");
        return responses.of(state, false, false);
    }

    @RequiresRole(Role.PARTICIPANT)
    @PostMapping("/{assessmentId}/submission")
    AssessmentView submit(@PathVariable UUID assessmentId, Caller caller) {
        AssessmentState state = commands.send(new SubmitAssessment(assessmentId.toString(), caller.pseudonym(),
                commands.now()), "assessmentId");
        awaitReadModels(state);
        return responses.of(state, false, true);
    }

    /** The participant's own assessments, newest first, without item answers. */
    @RequiresRole(Role.PARTICIPANT)
    @GetMapping("/me")
    List<AssessmentView> mine(Caller caller) {
        return views.ofParticipant(caller.pseudonym()).stream().map(s -> responses.summary(s, false)).toList();
    }

    /** What the participant should do next: follow-ups due after a positive screen, unfinished assessments. */
    @RequiresRole(Role.PARTICIPANT)
    @GetMapping("/next-steps")
    List<NextStep> nextSteps(Caller caller) {
        return responses.waiting(views.followUpsOf(caller.pseudonym()), views.ofParticipant(caller.pseudonym()),
                commands.now());
    }

    /** A participant's assessments, for a practitioner who serves the participant's programme. */
    @RequiresRole(Role.PRACTITIONER)
    @GetMapping
    List<AssessmentView> ofParticipant(@RequestParam(required = false) String participantId, Caller caller) {
        access.requireServes(caller, BadRequestException.requirePseudonym("participantId", participantId));
        return views.ofParticipant(participantId).stream().map(s -> responses.summary(s, true)).toList();
    }

    /** One assessment with its answers: the participant's own (to resume it), or for their practitioner. */
    @RequiresRole({Role.PARTICIPANT, Role.PRACTITIONER})
    @GetMapping("/{assessmentId}")
    AssessmentView get(@PathVariable UUID assessmentId, Caller caller) {
        AssessmentState state = states.find(assessmentId.toString())
                .orElseThrow(() -> new NotFoundException("assessmentId", "There is no such assessment"));
        Audit.participant(state.participantId());
        if (caller.has(Role.PARTICIPANT) && state.participantId().equals(caller.pseudonym())) {
            return responses.of(state, false, false);
        }
        if (caller.has(Role.PRACTITIONER)) {
            access.requireServes(caller, state.participantId());
            return responses.of(state, true, false);
        }
        throw new NotFoundException("assessmentId", "There is no such assessment");
    }

    /**
     * The participant's next read shows the result; the programme's practitioners already see any alert the
     * response tells the participant about, and the participant's recommendations are already on hold. The read
     * models follow the event store a few milliseconds behind.
     */
    private void awaitReadModels(AssessmentState state) {
        if (state.status() == AssessmentStatus.COMPLETED) {
            for (String rule : state.safetyRules()) {
                String concernId = SafetyConcernIds.of(state.assessmentId(), rule);
                try {
                    careHolds.place(state.participantId(), concernId, state.result().completedAt());
                } catch (RuntimeException e) {
                    // The result (with its crisis signposting) must still reach the participant; the care-holds
                    // processor places the hold from the stored concern.
                    log.warn("placing the care hold for concern {} failed; the care-holds processor will: {}",
                            concernId, e.toString());
                }
            }
        }
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
