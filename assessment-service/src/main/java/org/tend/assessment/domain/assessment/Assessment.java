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
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.tend.assessment.domain.DomainRejection;
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
 */
@Aggregate
public class Assessment {

    @AggregateIdentifier
    private String assessmentId;
    private String participantId;
    private String programmeId;
    private String instrumentId;
    private String instrumentVersion;
    private Instant expiresAt;
    private AssessmentStatus status;
    private final Map<String, Integer> answers = new TreeMap<>();
    /** Concern id → whether it has been acknowledged. */
    private final Map<String, Boolean> concerns = new HashMap<>();

    protected Assessment() {
    }

    @CommandHandler
    public Assessment(StartAssessment command, InstrumentCatalogue instruments, EnrolmentDirectory enrolments) {
        InstrumentDefinition definition = instruments.current(command.instrumentId())
                .orElseThrow(() -> DomainRejection.unknownReference("instrumentId",
                        "There is no instrument " + command.instrumentId()));
        EnrolmentRecord enrolment = enrolments.enrolmentOf(command.participantId())
                .orElseThrow(() -> DomainRejection.conflict("participantId", "not-enrolled",
                        "Only a participant enrolled in a programme can take an assessment"));
        // Axon applies a constructor's events to the fields only once the constructor returns: use explicit ids.
        Identity who = new Identity(command.assessmentId(), command.participantId(), enrolment.programmeId());
        if (command.submit()) {
            // Score before anything is applied: answers that cannot be scored leave no trace at all.
            ScoredResult result = ScoringEngine.score(definition, command.answers());
            start(command, definition, who);
            complete(who, definition, result, command.answers(), command.startedAt());
        } else {
            Map<String, Integer> given = checkedChanges(definition, command.answers());
            start(command, definition, who);
            record(who, given, command.startedAt());
        }
    }

    /** Keeps the answers given, each checked against its item's options now; returns every answer kept so far. */
    @CommandHandler
    public Map<String, Integer> handle(RecordAnswers command, InstrumentCatalogue instruments) {
        requireOwner(command.participantId());
        requireOpen(command.recordedAt());
        record(identity(), checkedChanges(definition(instruments), command.answers()), command.recordedAt());
        return Map.copyOf(answers);
    }

    @CommandHandler
    public void handle(SubmitAssessment command, InstrumentCatalogue instruments) {
        requireOwner(command.participantId());
        requireOpen(command.submittedAt());
        InstrumentDefinition definition = definition(instruments);
        ScoredResult result = ScoringEngine.score(definition, answers);
        complete(identity(), definition, result, answers, command.submittedAt());
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
            throw DomainRejection.notFound("concernId", "There is no such safety concern");
        }
        if (acknowledged) {
            throw DomainRejection.conflict("concernId", "already-acknowledged",
                    "This safety concern has already been acknowledged");
        }
        apply(new SafetyConcernAcknowledged(command.concernId(), assessmentId, participantId, programmeId,
                command.practitionerId(), command.acknowledgedAt()));
    }

    private record Identity(String assessmentId, String participantId, String programmeId) {
    }

    private Identity identity() {
        return new Identity(assessmentId, participantId, programmeId);
    }

    private void start(StartAssessment command, InstrumentDefinition definition, Identity who) {
        apply(new AssessmentStarted(who.assessmentId(), who.participantId(), who.programmeId(),
                definition.id(), definition.version(), command.startedAt(), command.expiresAt()));
    }

    private void record(Identity who, Map<String, Integer> changes, Instant at) {
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
            apply(new AnswersRecorded(who.assessmentId(), who.participantId(), given, withdrawn, at));
        }
    }

    private void complete(Identity who, InstrumentDefinition definition, ScoredResult result,
                          Map<String, Integer> scored, Instant at) {
        Map<String, Integer> kept = new TreeMap<>();
        scored.forEach((itemId, value) -> {
            if (value != null) {
                kept.put(itemId, value);
            }
        });
        apply(new AssessmentCompleted(who.assessmentId(), who.participantId(), who.programmeId(), definition.id(),
                definition.version(),
                kept, result.rawScore(), result.scaledScore(), result.bandedScore(), definition.bandedRange().min(),
                definition.bandedRange().max(), result.bandCode(), result.bandLabel(), at));
        for (String rule : result.triggeredRuleCodes()) {
            apply(new SafetyConcernRaised(SafetyConcernIds.of(who.assessmentId(), rule), who.participantId(),
                    who.programmeId(), who.assessmentId(), definition.id(), rule, at));
        }
        if (result.positiveScreen()) {
            apply(new FollowUpAssessmentDue(who.participantId(), who.programmeId(), result.makesDue(),
                    who.assessmentId(), definition.id(), result.bandCode(), at));
        }
    }

    /** Answers to unknown items or outside an item's options are refused, all reported together. */
    private static Map<String, Integer> checkedChanges(InstrumentDefinition definition, Map<String, Integer> changes) {
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
            throw DomainRejection.notFound("assessmentId", "There is no such assessment");
        }
    }

    private void requireOpen(Instant now) {
        if (status == AssessmentStatus.COMPLETED) {
            throw DomainRejection.conflict("assessmentId", "already-completed", "The assessment is already completed");
        }
        if (status == AssessmentStatus.EXPIRED || !now.isBefore(expiresAt)) {
            throw DomainRejection.conflict("assessmentId", "expired",
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
    }

    @EventSourcingHandler
    void on(AssessmentExpired event) {
        status = AssessmentStatus.EXPIRED;
    }

    @EventSourcingHandler
    void on(SafetyConcernRaised event) {
        concerns.put(event.concernId(), false);
    }

    @EventSourcingHandler
    void on(SafetyConcernAcknowledged event) {
        concerns.put(event.concernId(), true);
    }
}
