package org.tend.catalogue.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.tend.catalogue.domain.recommendation.CatalogueRecommender;
import org.tend.catalogue.domain.recommendation.RecordAssessmentOutcome;
import org.tend.catalogue.query.Enrolments;
import org.tend.catalogue.query.PractitionerAssignments;
import org.tend.contracts.ContractValidator;
import org.tend.contracts.EventTypes;
import org.tend.plumbing.messaging.InboundEvent;
import org.tend.plumbing.messaging.MalformedEventException;

/**
 * Reads assessment-service's events. Completed assessments go to the participant's recommendations (the aggregate
 * remembers which it has applied, so a redelivered record changes nothing); enrolments and practitioner assignments
 * go into small read models used to authorise practitioners (upserts by natural id). A record that breaks its
 * contract goes to {@code tend.catalogue.dead-letters} at once; unknown types are ignored.
 */
@Component
public class AssessmentEventsListener {

    private final CommandGateway commands;
    private final CatalogueRecommender recommender;
    private final Enrolments enrolments;
    private final PractitionerAssignments assignments;
    private final ContractValidator contracts;
    private final Clock clock;

    public AssessmentEventsListener(CommandGateway commands, CatalogueRecommender recommender,
            Enrolments enrolments, PractitionerAssignments assignments, ContractValidator contracts, Clock clock) {
        this.commands = commands;
        this.recommender = recommender;
        this.enrolments = enrolments;
        this.assignments = assignments;
        this.contracts = contracts;
        this.clock = clock;
    }

    @KafkaListener(topics = EventTypes.ASSESSMENT_TOPIC, groupId = "tend-catalogue")
    public void on(ConsumerRecord<String, byte[]> record) {
        InboundEvent event = InboundEvent.from(record);
        switch (event.type()) {
            case EventTypes.ASSESSMENT_COMPLETED_V1 -> assessmentCompleted(checked(event));
            case EventTypes.PARTICIPANT_ENROLLED_V1 -> participantEnrolled(checked(event));
            case EventTypes.PRACTITIONER_ASSIGNED_V1 -> practitionerAssigned(checked(event));
            default -> {
                // not ours to read (or a newer version): forward compatible
            }
        }
    }

    private void assessmentCompleted(InboundEvent event) {
        String participantId = event.text("participantId");
        String instrumentId = event.text("instrumentId");
        JsonNode range = event.data().get("scoreRange");
        int total = RuleScale.toRuleScale(recommender, instrumentId, event.integer("totalScore"),
                range.get("min").asInt(), range.get("max").asInt());
        // The record proves the enrolment too; learning it here does not depend on which record comes first.
        enrolments.enrol(participantId, event.text("programmeId"));
        // Safety concerns are not on this record by design (assessment-service routes them to a practitioner and
        // shows crisis signposting), so the outcome is routed with safetyConcern = false by the aggregate.
        commands.sendAndWait(new RecordAssessmentOutcome(participantId, event.text("assessmentId"),
                event.text("programmeId"), instrumentId, event.data().get("instrumentVersion").asText(), total,
                event.text("band"), event.instant("completedAt"), clock.instant()));
    }

    private void participantEnrolled(InboundEvent event) {
        enrolments.enrol(event.text("participantId"), event.text("programmeId"));
    }

    private void practitionerAssigned(InboundEvent event) {
        assignments.assign(event.text("programmeId"), event.text("practitionerId"));
    }

    private InboundEvent checked(InboundEvent event) {
        List<String> violations = contracts.validate(event.type(), event.data());
        if (!violations.isEmpty()) {
            throw new MalformedEventException(event.type() + " " + event.id() + " breaks its contract: "
                    + String.join("; ", violations));
        }
        return event;
    }
}
