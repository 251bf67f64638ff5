package org.tend.progress.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.tend.contracts.EventTypes;
import org.tend.plumbing.identity.Pseudonymizer;
import org.tend.plumbing.messaging.InboundEvent;
import org.tend.plumbing.messaging.MalformedEventException;
import org.tend.progress.domain.CatalogueEntry;
import org.tend.progress.domain.JourneyEvent;
import org.tend.progress.domain.JourneyEvent.Recommended;
import org.tend.progress.domain.ProgrammeEvent;
import org.tend.progress.query.ProjectionChange;

/**
 * Turns an inbound record into the change it makes to the projection. Types progress does not keep (the anonymous
 * safety concern, and any type or version it does not know) give nothing: consumers are forward compatible. A record
 * of a kept type that lacks what the journey needs throws {@link MalformedEventException}: it can never be applied
 * and goes to the dead letters (the live listener) or is counted as skipped (a rebuild).
 */
public final class EventTranslator {

    public static final List<String> TOPICS =
            List.of(EventTypes.ASSESSMENT_TOPIC, EventTypes.CATALOGUE_TOPIC, EventTypes.GOAL_TOPIC);

    public Optional<ProjectionChange> translate(ConsumerRecord<String, byte[]> record) {
        InboundEvent event = InboundEvent.from(record);
        try {
            return translate(event);
        } catch (MalformedEventException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new MalformedEventException(event.type() + " " + event.id() + ": " + e.getMessage(), e);
        }
    }

    public Optional<ProjectionChange> translate(InboundEvent e) {
        if (e.type() == null) {
            return Optional.empty();
        }
        switch (e.type()) {
            case EventTypes.PARTICIPANT_ENROLLED_V1: {
                JsonNode cohort = e.data().get("cohort");
                String department = cohort != null && cohort.isObject() ? optionalText(cohort, "department") : null;
                JsonNode consent = e.data().get("consentGiven");
                return journey(e, new JourneyEvent.ParticipantEnrolled(e.id(), e.instant("enrolledAt"),
                        e.text("programmeId"), department, consent != null && consent.isBoolean()
                        ? consent.asBoolean() : null));
            }
            case EventTypes.ASSESSMENT_COMPLETED_V1: {
                JsonNode range = e.data().get("scoreRange");
                Integer min = range != null ? optionalInt(range, "min") : null;
                Integer max = range != null ? optionalInt(range, "max") : null;
                return journey(e, new JourneyEvent.AssessmentCompleted(e.id(), e.instant("completedAt"),
                        e.text("assessmentId"), optionalText(e.data(), "programmeId"), e.text("instrumentId"),
                        scalarText(e.data(), "instrumentVersion"), nonNegative(e, "totalScore"), min, max,
                        e.text("band")));
            }
            case EventTypes.RECOMMENDATIONS_ISSUED_V1: {
                JsonNode items = e.data().get("recommendations");
                if (items == null || !items.isArray()) {
                    throw malformed(e, "missing array field 'recommendations'");
                }
                List<Recommended> recommended = new ArrayList<>(items.size());
                for (JsonNode item : items) {
                    String interventionId = optionalText(item, "interventionId");
                    Integer rank = optionalInt(item, "rank");
                    if (interventionId == null || rank == null) {
                        throw malformed(e, "a recommendation lacks 'interventionId' or 'rank'");
                    }
                    recommended.add(new Recommended(interventionId, rank, optionalText(item, "reasonCode")));
                }
                return journey(e, new JourneyEvent.RecommendationsIssued(e.id(), e.instant("issuedAt"),
                        optionalText(e.data(), "basedOnAssessmentId"), optionalText(e.data(), "instrumentId"),
                        optionalText(e.data(), "band"), optionalText(e.data(), "steppedCareLevel"), recommended));
            }
            case EventTypes.GOAL_SET_V1:
                return journey(e, new JourneyEvent.GoalSet(e.id(), e.instant("setAt"), e.text("goalId"),
                        e.text("interventionId"), optionalText(e.data(), "scale"),
                        optionalText(e.data(), "setByRole")));
            case EventTypes.GOAL_PROGRESS_RATED_V1: {
                int rating = e.integer("rating");
                if (rating < 0 || rating > 10) {
                    throw malformed(e, "field 'rating' is outside 0-10");
                }
                return journey(e, new JourneyEvent.GoalProgressRated(e.id(), e.instant("ratedAt"), e.text("goalId"),
                        rating, optionalText(e.data(), "ratedByRole")));
            }
            case EventTypes.ATTAINMENT_SCALE_DEFINED_V1: {
                int weight = e.integer("weight");
                if (weight < 1 || weight > 10) {
                    throw malformed(e, "field 'weight' is outside 1-10");
                }
                int baseline = e.integer("baselineLevel");
                if (baseline != -2 && baseline != -1) {
                    throw malformed(e, "field 'baselineLevel' is not -2 or -1");
                }
                return journey(e, new JourneyEvent.AttainmentScaleDefined(e.id(), e.instant("definedAt"),
                        e.text("goalId"), weight, baseline));
            }
            case EventTypes.GOAL_ATTAINMENT_RATED_V1: {
                int level = e.integer("level");
                if (level < -2 || level > 2) {
                    throw malformed(e, "field 'level' is outside -2..+2");
                }
                return journey(e, new JourneyEvent.GoalAttainmentRated(e.id(), e.instant("ratedAt"),
                        e.text("goalId"), level, optionalText(e.data(), "ratedByRole")));
            }
            case EventTypes.INTERVENTION_PUBLISHED_V1:
                return Optional.of(new ProjectionChange.ToIntervention(new CatalogueEntry(e.id(),
                        e.text("interventionId"), e.text("name"), scalarText(e.data(), "catalogueVersion"),
                        e.instant("publishedAt"))));
            case EventTypes.PROGRAMME_CREATED_V1:
                return Optional.of(new ProjectionChange.ToProgramme(new ProgrammeEvent.ProgrammeCreated(
                        e.text("programmeId"), optionalText(e.data(), "organisationId"),
                        e.integer("minimumGroupSize"), e.instant("createdAt"))));
            case EventTypes.PRACTITIONER_ASSIGNED_V1:
                return Optional.of(new ProjectionChange.ToProgramme(new ProgrammeEvent.PractitionerAssigned(
                        e.text("programmeId"), pseudonym(e, "practitionerId"), e.instant("assignedAt"))));
            default:
                return Optional.empty();
        }
    }

    private static Optional<ProjectionChange> journey(InboundEvent e, JourneyEvent event) {
        return Optional.of(new ProjectionChange.ToJourney(pseudonym(e, "participantId"), event));
    }

    /** A person's id must be a pseudonym: never a login subject, and safe as a document id and a field name. */
    private static String pseudonym(InboundEvent e, String field) {
        String value = e.text(field);
        if (!Pseudonymizer.isPseudonym(value)) {
            throw malformed(e, "field '" + field + "' is not a pseudonymous id");
        }
        return value;
    }

    private static int nonNegative(InboundEvent e, String field) {
        int value = e.integer(field);
        if (value < 0) {
            throw malformed(e, "field '" + field + "' is negative");
        }
        return value;
    }

    private static String optionalText(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isTextual() && !value.asText().isBlank() ? value.asText() : null;
    }

    /** A version may be a string or an integer; kept as text. */
    private static String scalarText(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && (value.isTextual() || value.isIntegralNumber()) ? value.asText() : null;
    }

    private static Integer optionalInt(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isIntegralNumber() && value.canConvertToInt() ? value.asInt() : null;
    }

    private static MalformedEventException malformed(InboundEvent e, String message) {
        return new MalformedEventException(e.type() + " " + e.id() + ": " + message);
    }
}
