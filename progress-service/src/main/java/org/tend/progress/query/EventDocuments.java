package org.tend.progress.query;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.tend.progress.domain.CatalogueEntry;
import org.tend.progress.domain.JourneyEvent;
import org.tend.progress.domain.JourneyEvent.AssessmentCompleted;
import org.tend.progress.domain.JourneyEvent.AttainmentScaleDefined;
import org.tend.progress.domain.JourneyEvent.GoalAttainmentRated;
import org.tend.progress.domain.JourneyEvent.GoalProgressRated;
import org.tend.progress.domain.JourneyEvent.GoalSet;
import org.tend.progress.domain.JourneyEvent.ParticipantEnrolled;
import org.tend.progress.domain.JourneyEvent.Recommended;
import org.tend.progress.domain.JourneyEvent.RecommendationsIssued;

/**
 * How a journey event is kept inside its participant's document ({@code events.<key>}). Times are ISO-8601 strings,
 * kept exactly (a BSON date would cut them to milliseconds). Absent values are not written.
 */
public final class EventDocuments {

    private EventDocuments() {
    }

    public static Document toDocument(JourneyEvent event) {
        Document doc = new Document("id", event.eventId()).append("type", event.kind())
                .append("time", event.time().toString());
        if (event instanceof ParticipantEnrolled e) {
            doc.append("programmeId", e.programmeId());
            put(doc, "department", e.department());
            put(doc, "consentGiven", e.consentGiven());
        } else if (event instanceof AssessmentCompleted e) {
            doc.append("assessmentId", e.assessmentId());
            put(doc, "programmeId", e.programmeId());
            doc.append("instrumentId", e.instrumentId());
            put(doc, "instrumentVersion", e.instrumentVersion());
            doc.append("totalScore", e.totalScore());
            put(doc, "scoreMin", e.scoreMin());
            put(doc, "scoreMax", e.scoreMax());
            doc.append("band", e.band());
        } else if (event instanceof RecommendationsIssued e) {
            put(doc, "basedOnAssessmentId", e.basedOnAssessmentId());
            put(doc, "instrumentId", e.instrumentId());
            put(doc, "band", e.band());
            put(doc, "steppedCareLevel", e.steppedCareLevel());
            List<Document> recommendations = new ArrayList<>(e.recommendations().size());
            for (Recommended r : e.recommendations()) {
                Document item = new Document("interventionId", r.interventionId()).append("rank", r.rank());
                put(item, "reasonCode", r.reasonCode());
                recommendations.add(item);
            }
            doc.append("recommendations", recommendations);
        } else if (event instanceof GoalSet e) {
            doc.append("goalId", e.goalId()).append("interventionId", e.interventionId());
            put(doc, "scale", e.scale());
            put(doc, "setByRole", e.setByRole());
        } else if (event instanceof GoalProgressRated e) {
            doc.append("goalId", e.goalId()).append("rating", e.rating());
            put(doc, "ratedByRole", e.ratedByRole());
        } else if (event instanceof AttainmentScaleDefined e) {
            doc.append("goalId", e.goalId()).append("weight", e.weight()).append("baselineLevel", e.baselineLevel());
        } else if (event instanceof GoalAttainmentRated e) {
            doc.append("goalId", e.goalId()).append("level", e.level());
            put(doc, "ratedByRole", e.ratedByRole());
        }
        return doc;
    }

    /** The event kept in a document, or null for a kind this version does not know (kept, not shown). */
    public static JourneyEvent fromDocument(Document doc) {
        String id = doc.getString("id");
        Instant time = Instant.parse(doc.getString("time"));
        String type = doc.getString("type");
        if (type == null) {
            return null;
        }
        switch (type) {
            case "enrolled":
                return new ParticipantEnrolled(id, time, doc.getString("programmeId"), doc.getString("department"),
                        doc.getBoolean("consentGiven"));
            case "assessment-completed":
                return new AssessmentCompleted(id, time, doc.getString("assessmentId"), doc.getString("programmeId"),
                        doc.getString("instrumentId"), doc.getString("instrumentVersion"),
                        doc.getInteger("totalScore"), doc.getInteger("scoreMin"), doc.getInteger("scoreMax"),
                        doc.getString("band"));
            case "recommendations-issued":
                List<Recommended> recommended = new ArrayList<>();
                for (Document item : doc.getList("recommendations", Document.class, List.of())) {
                    recommended.add(new Recommended(item.getString("interventionId"), item.getInteger("rank"),
                            item.getString("reasonCode")));
                }
                return new RecommendationsIssued(id, time, doc.getString("basedOnAssessmentId"),
                        doc.getString("instrumentId"), doc.getString("band"), doc.getString("steppedCareLevel"),
                        recommended);
            case "goal-set":
                return new GoalSet(id, time, doc.getString("goalId"), doc.getString("interventionId"),
                        doc.getString("scale"), doc.getString("setByRole"));
            case "goal-progress-rated":
                return new GoalProgressRated(id, time, doc.getString("goalId"), doc.getInteger("rating"),
                        doc.getString("ratedByRole"));
            case "attainment-scale-defined":
                return new AttainmentScaleDefined(id, time, doc.getString("goalId"), doc.getInteger("weight"),
                        doc.getInteger("baselineLevel"));
            case "goal-attainment-rated":
                return new GoalAttainmentRated(id, time, doc.getString("goalId"), doc.getInteger("level"),
                        doc.getString("ratedByRole"));
            default:
                return null;
        }
    }

    public static Document toDocument(CatalogueEntry entry) {
        Document doc = new Document("id", entry.eventId()).append("name", entry.name())
                .append("publishedAt", entry.publishedAt().toString());
        put(doc, "catalogueVersion", entry.catalogueVersion());
        return doc;
    }

    public static CatalogueEntry catalogueEntry(String interventionId, Document doc) {
        return new CatalogueEntry(doc.getString("id"), interventionId, doc.getString("name"),
                doc.getString("catalogueVersion"), Instant.parse(doc.getString("publishedAt")));
    }

    private static void put(Document doc, String key, Object value) {
        if (value != null) {
            doc.append(key, value);
        }
    }
}
