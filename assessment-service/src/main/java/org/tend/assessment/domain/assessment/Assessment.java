package org.tend.assessment.domain.assessment;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.tend.kernel.Rejection;
import org.tend.assessment.domain.enrolment.EnrolmentDirectory;
import org.tend.assessment.domain.enrolment.EnrolmentRecord;
import org.tend.assessment.domain.instrument.AnswerViolation;
import org.tend.assessment.domain.instrument.InstrumentDefinition;
import org.tend.assessment.domain.instrument.InvalidAnswersException;
import org.tend.assessment.domain.instrument.Item;
import org.tend.assessment.domain.instrument.ScoredResult;
import org.tend.assessment.domain.instrument.ScoringEngine;
import org.tend.assessment.domain.safety.AcknowledgeSafetyConcern;
import org.tend.assessment.domain.safety.SafetyConcernAcknowledged;
import org.tend.assessment.domain.safety.SafetyConcernIds;
import org.tend.assessment.domain.safety.SafetyConcernRaised;

/**
 * One participant taking one version of one instrument: started (with the version pinned), answers kept as they
 * come, then either submitted (scored exactly by {@link ScoringEngine}, completed, with any safety concern raised and
 * any follow-up instrument made due) or expired. Submitting in the start command is the one-call flow.
 *
 * <p>A safety concern is part of the assessment that raised it, so acknowledging it is decided here too: one
 * acknowledgement per concern, settled by this aggregate's own consistency, not by a read model.
 *
 * <p>Every command answers with the assessment's {@link AssessmentState} after it: this is the one fold of its events.
 */
public class Assessment {

    @AggregateIdentifier
    private String assessmentId;
    private String participantId;
    private String programmeId;
    private String instrumentId;
    private String instrumentVersion;
    private Instant startedAt;
    private Instant expiresAt;
    private Instant expiredAt;
    private AssessmentStatus status;
    private AssessmentCompleted result;
    private final Map<String, Integer> answers = new TreeMap<>();
    /** Concern id → whether it has been acknowledged. */
    private final Map<String, Boolean> concerns = new HashMap<>();
    private final List<String> safetyRules = new ArrayList<>();
    private final List<String> followUpsDue = new ArrayList<>();

    protected Assessment() {
    }

    /** Starts (and with {@code submit}, scores and completes) a new assessment; answers with its state. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.ALWAYS)
    public AssessmentState handle(StartAssessment command, InstrumentCatalogue instruments,
                                  EnrolmentDirectory enrolments) {
        InstrumentDefinition definition = instruments.current(command.instrumentId())
                .orElseThrow(() -> Rejection.unknownReference("instrumentId",
                        "There is no instrument " + command.instrumentId()));
        EnrolmentRecord enrolment = enrolments.requireConsent(command.participantId());
        if (command.submit()) {
            // Score before anything is applied: answers that cannot be scored leave no trace at all.
            ScoredResult result = ScoringEngine.score(definition, command.answers());
            start(command, definition, enrolment.programmeId());
            complete(definition, result, command.answers(), command.startedAt());
        } else {
            Map<String, Integer> given = checkedChanges(definition, command.answers());
            start(command, definition, enrolment.programmeId());
            record(given, command.startedAt());
        }
        return state();
    }

    /** Keeps the answers given, each checked against its item's options now; returns every answer kept so far. */
    @CommandHandler
    public AssessmentState handle(RecordAnswers command, InstrumentCatalogue instruments,
                                  EnrolmentDirectory enrolments) {
        requireOwner(command.participantId());
        enrolments.requireConsent(participantId);
        requireOpen(command.recordedAt());
        record(checkedChanges(definition(instruments), command.answers()), command.recordedAt());
        return state();
    }

    @CommandHandler
    public AssessmentState handle(SubmitAssessment command, InstrumentCatalogue instruments,
                                  EnrolmentDirectory enrolments) {
        requireOwner(command.participantId());
        enrolments.requireConsent(participantId);
        requireOpen(command.submittedAt());
        InstrumentDefinition definition = definition(instruments);
        ScoredResult result = ScoringEngine.score(definition, answers);
        complete(definition, result, answers, command.submittedAt());
        return state();
    }

    @CommandHandler
    public void handle(ExpireAssessment command) {
        if (status == AssessmentStatus.STARTED && !command.at().isBefore(expiresAt)) {
            apply(new AssessmentExpired(assessmentId, participantId, programmeId, instrumentId, command.at()));
        }
    }

    @CommandHandler
    public void handle(AcknowledgeSafetyConcern command) {
        Boolean acknowledged = concerns.get(command.concernId());
        if (acknowledged == null) {
            throw Rejection.notFound("concernId", "There is no such safety concern");
        }
        if (acknowledged) {
            throw Rejection.conflict("concernId", "already-acknowledged",
                    "This safety concern has already been acknowledged");
        }
        apply(new SafetyConcernAcknowledged(command.concernId(), assessmentId, participantId, programmeId,
                command.practitionerId(), command.acknowledgedAt()));
    }

    /** Whose assessment this is. */
    public String participantId() {
        return participantId;
    }

    /** The assessment as of its latest event. */
    public AssessmentState state() {
        return new AssessmentState(assessmentId, participantId, programmeId, instrumentId, instrumentVersion, status,
                answers, startedAt, expiresAt, expiredAt, result, safetyRules, followUpsDue);
    }

    private void start(StartAssessment command, InstrumentDefinition definition, String programme) {
        apply(new AssessmentStarted(command.assessmentId(), command.participantId(), programme,
                definition.id(), definition.version(), command.startedAt(), command.expiresAt()));
    }

    private void record(Map<String, Integer> changes, Instant at) {
        Map<String, Integer> given = new LinkedHashMap<>();
        List<String> withdrawn = new ArrayList<>();
        changes.forEach((itemId, value) -> {
            if (value == null) {
                if (answers.containsKey(itemId)) {
                    withdrawn.add(itemId);
                }
            } else if (!value.equals(answers.get(itemId))) {
                given.put(itemId, value);
            }
        });
        if (!given.isEmpty() || !withdrawn.isEmpty()) {
            apply(new AnswersRecorded(assessmentId, participantId, given, withdrawn, at));
        }
    }

    private void complete(InstrumentDefinition definition, ScoredResult result, Map<String, Integer> scored,
                          Instant at) {
        Map<String, Integer> kept = new TreeMap<>();
        scored.forEach((itemId, value) -> {
            if (value != null) {
                kept.put(itemId, value);
            }
        });
        apply(new AssessmentCompleted(assessmentId, participantId, programmeId, definition.id(),
                definition.version(),
                kept, result.rawScore(), result.scaledScore(), result.bandedScore(), definition.bandedRange().min(),
                definition.bandedRange().max(), result.bandCode(), result.bandLabel(), at));
        for (String rule : result.triggeredRuleCodes()) {
            apply(new SafetyConcernRaised(SafetyConcernIds.of(assessmentId, rule), participantId, programmeId,
                    assessmentId, definition.id(), rule, at));
        }
        if (result.positiveScreen()) {
            apply(new FollowUpAssessmentDue(participantId, programmeId, result.makesDue(), assessmentId,
                    definition.id(), result.bandCode(), at));
        }
    }

    /** Answers to unknown items or outside an item's options are refused, all reported together. */
    private static Map<String, Integer> checkedChanges(InstrumentDefinition definition, Map<String, Integer> changes) {
        ScoringEngine.requireAtMostOneAnswerPerItem(definition, changes);
        List<AnswerViolation> violations = new ArrayList<>();
        Map<String, Integer> checked = new LinkedHashMap<>();
        new TreeMap<>(changes).forEach((itemId, value) -> {
            Item item = definition.item(itemId).orElse(null);
            if (item == null) {
                violations.add(new AnswerViolation(itemId, AnswerViolation.UNKNOWN_ITEM,
                        definition.id() + " " + definition.version() + " has no item " + itemId));
            } else if (value != null && !definition.optionsFor(item).allows(value)) {
                violations.add(new AnswerViolation(itemId, AnswerViolation.NOT_AN_OPTION, value
                        + " is not one of the item's answer values " + definition.optionsFor(item).values()));
            } else {
                checked.put(itemId, value);
            }
        });
        if (!violations.isEmpty()) {
            throw new InvalidAnswersException(definition, violations);
        }
        return checked;
    }

    private InstrumentDefinition definition(InstrumentCatalogue instruments) {
        return instruments.version(instrumentId, instrumentVersion).orElseThrow(() -> new IllegalStateException(
                instrumentId + " " + instrumentVersion + " is no longer loaded; published versions are never removed"));
    }

    /** Someone else's assessment is answered as if it did not exist. */
    private void requireOwner(String caller) {
        if (participantId == null || !participantId.equals(caller)) {
            throw Rejection.notFound("assessmentId", "There is no such assessment");
        }
    }

    private void requireOpen(Instant now) {
        if (status == AssessmentStatus.COMPLETED) {
            throw Rejection.conflict("assessmentId", "already-completed", "The assessment is already completed");
        }
        if (status == AssessmentStatus.EXPIRED || !now.isBefore(expiresAt)) {
            throw Rejection.conflict("assessmentId", "expired",
                    "The assessment expired unfinished; start a new one");
        }
    }

    @EventSourcingHandler
    void on(AssessmentStarted event) {
        assessmentId = event.assessmentId();
        participantId = event.participantId();
        programmeId = event.programmeId();
        instrumentId = event.instrumentId();
        instrumentVersion = event.instrumentVersion();
        startedAt = event.startedAt();
        expiresAt = event.expiresAt();
        status = AssessmentStatus.STARTED;
    }

    @EventSourcingHandler
    void on(AnswersRecorded event) {
        answers.putAll(event.answers());
        event.withdrawn().forEach(answers::remove);
    }

    @EventSourcingHandler
    void on(AssessmentCompleted event) {
        answers.clear();
        answers.putAll(event.answers());
        status = AssessmentStatus.COMPLETED;
        result = event;
    }

    @EventSourcingHandler
    void on(AssessmentExpired event) {
        status = AssessmentStatus.EXPIRED;
        expiredAt = event.expiredAt();
    }

    @EventSourcingHandler
    void on(SafetyConcernRaised event) {
        concerns.put(event.concernId(), false);
        if (event.rule() != null) { // null once the participant is erased: the rule was sealed with their key
            safetyRules.add(event.rule());
        }
    }

    @EventSourcingHandler
    void on(FollowUpAssessmentDue event) {
        followUpsDue.add(event.instrumentId());
    }

    @EventSourcingHandler
    void on(SafetyConcernAcknowledged event) {
        concerns.put(event.concernId(), true);
    }
}
