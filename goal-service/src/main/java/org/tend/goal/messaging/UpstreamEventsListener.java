package org.tend.goal.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.tend.contracts.EventTypes;
import org.tend.goal.query.Enrolments;
import org.tend.goal.query.InterventionCatalogue;
import org.tend.goal.query.KnownIntervention;
import org.tend.goal.query.PractitionerAssignments;
import org.tend.plumbing.identity.Pseudonymizer;
import org.tend.plumbing.messaging.InboundEvent;
import org.tend.plumbing.messaging.MalformedEventException;

/**
 * Learns what goal-service needs from the other services' events (no synchronous calls between services): which
 * interventions the catalogue has published, who is enrolled in which programme, and which practitioners serve
 * which programme. Every write is an upsert keyed by a natural id, so a redelivered record changes nothing; other
 * event types are ignored; a record that cannot be read throws and goes to {@code tend.goal.dead-letters}.
 * Only the fields goal-service uses are checked (tolerant reader).
 */
@Component
public class UpstreamEventsListener {

    private static final Pattern SLUG = Pattern.compile("^[a-z0-9]+(-[a-z0-9]+)*$");
    private static final Pattern UUID = Pattern.compile(
            "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$");
    private static final Pattern VERSION = Pattern.compile("^[0-9]+([.-][0-9]+){0,2}$");

    private final InterventionCatalogue catalogue;
    private final Enrolments enrolments;
    private final PractitionerAssignments assignments;

    public UpstreamEventsListener(InterventionCatalogue catalogue, Enrolments enrolments,
                                  PractitionerAssignments assignments) {
        this.catalogue = catalogue;
        this.enrolments = enrolments;
        this.assignments = assignments;
    }

    @KafkaListener(topics = {EventTypes.CATALOGUE_TOPIC, EventTypes.ASSESSMENT_TOPIC}, groupId = "tend-goal")
    public void on(ConsumerRecord<String, byte[]> record) {
        InboundEvent event = InboundEvent.from(record);
        String type = event.type() == null ? "" : event.type();
        switch (type) {
            case EventTypes.INTERVENTION_PUBLISHED_V1 -> catalogue.record(new KnownIntervention(
                    matching(event, "interventionId", SLUG), event.text("name"), catalogueVersion(event),
                    event.instant("publishedAt")));
            case EventTypes.PARTICIPANT_ENROLLED_V1 -> enrolments.record(
                    matching(event, "participantId", Pseudonymizer.PSEUDONYM), matching(event, "programmeId", UUID));
            case EventTypes.PRACTITIONER_ASSIGNED_V1 -> assignments.record(
                    matching(event, "programmeId", UUID), matching(event, "practitionerId", Pseudonymizer.PSEUDONYM));
            default -> {
                // not an event goal-service needs (forward compatible)
            }
        }
    }

    private static String matching(InboundEvent event, String field, Pattern pattern) {
        String value = event.text(field);
        if (!pattern.matcher(value).matches()) {
            throw new MalformedEventException(event.type() + " " + event.id() + ": field '" + field
                    + "' does not have the published form");
        }
        return value;
    }

    /** A positive integer or a numeric version string, kept as text. */
    private static String catalogueVersion(InboundEvent event) {
        JsonNode node = event.data().get("catalogueVersion");
        String value = node == null ? null : node.isIntegralNumber() ? node.asText() : node.isTextual() ? node.asText() : null;
        if (value == null || !VERSION.matcher(value).matches()) {
            throw new MalformedEventException(event.type() + " " + event.id() + ": field 'catalogueVersion' is missing "
                    + "or does not have the published form");
        }
        return value;
    }
}
