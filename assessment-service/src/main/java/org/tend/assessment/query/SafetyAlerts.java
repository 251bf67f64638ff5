package org.tend.assessment.query;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Updates.addToSet;
import static com.mongodb.client.model.Updates.pull;
import static com.mongodb.client.model.Updates.combine;
import static com.mongodb.client.model.Updates.set;
import static com.mongodb.client.model.Updates.setOnInsert;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOptions;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.tend.contracts.ErasureStores;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.bson.Document;
import org.tend.assessment.domain.enrolment.ParticipantErased;
import org.tend.assessment.erasure.ErasureReports;
import org.springframework.stereotype.Component;
import org.tend.assessment.domain.programme.PractitionerAssigned;
import org.tend.assessment.domain.programme.PractitionerUnassigned;
import org.tend.assessment.domain.safety.SafetyConcernAcknowledged;
import org.tend.assessment.domain.safety.SafetyConcernRaised;

/**
 * Safety routing: every raised concern becomes an open alert for the practitioners of the participant's programme
 * until one of them acknowledges it. Its own processing group with its own copy of who serves which programme, so
 * that nothing else (a slow or failing view) can hold an alert up; it never skips an event (propagating error
 * handler, registered by the plumbing for every processing group). Upserts keyed by concern or programme id:
 * replays change nothing.
 */
@Component
@ProcessingGroup(SafetyAlerts.PROCESSING_GROUP)
public class SafetyAlerts {

    public static final String PROCESSING_GROUP = "safety-alerts";

    /** A safety concern as its practitioners see it. */
    public record Alert(String concernId, String participantId, String programmeId, String assessmentId,
                        String instrumentId, String rule, Instant raisedAt, String acknowledgedBy,
                        Instant acknowledgedAt) {

        public boolean open() {
            return acknowledgedAt == null;
        }
    }

    private static final UpdateOptions UPSERT = new UpdateOptions().upsert(true);

    private final MongoCollection<Document> alerts;
    private final MongoCollection<Document> routes;

    private final ErasureReports erasures;
    private final Clock clock;

    public SafetyAlerts(MongoDatabase database, ErasureReports erasures, Clock clock) {
        this.erasures = erasures;
        this.clock = clock;
        this.alerts = database.getCollection("safety_alerts");
        this.routes = database.getCollection("safety_routes");
        alerts.createIndex(Indexes.ascending("programmeId", "acknowledged", "raisedAt"));
        routes.createIndex(Indexes.ascending("practitioners"));
    }

    /** The participant was erased: every document about them goes, then this store confirms it in the report. */
    @EventHandler
    void on(ParticipantErased event) {
        alerts.deleteMany(eq("participantId", event.participantId()));
        erasures.confirm(event.erasureId(), ErasureStores.ASSESSMENT_SAFETY_ALERTS, clock.instant());
    }

    @EventHandler
    void on(PractitionerAssigned event) {
        routes.updateOne(eq("_id", event.programmeId()), addToSet("practitioners", event.practitionerId()), UPSERT);
    }

    /** An unassigned practitioner no longer sees the programme's alerts. */
    @EventHandler
    void on(PractitionerUnassigned event) {
        routes.updateOne(eq("_id", event.programmeId()), pull("practitioners", event.practitionerId()), UPSERT);
    }

    @EventHandler
    void on(SafetyConcernRaised event) {
        alerts.updateOne(eq("_id", event.concernId()), combine(
                setOnInsert("participantId", event.participantId()),
                setOnInsert("programmeId", event.programmeId()),
                setOnInsert("assessmentId", event.assessmentId()),
                setOnInsert("instrumentId", event.instrumentId()),
                setOnInsert("rule", event.rule()),
                setOnInsert("raisedAt", BsonTimes.date(event.raisedAt())),
                setOnInsert("acknowledged", false)), UPSERT);
    }

    @EventHandler
    void on(SafetyConcernAcknowledged event) {
        alerts.updateOne(eq("_id", event.concernId()), combine(
                set("acknowledged", true),
                set("acknowledgedBy", event.practitionerId()),
                set("acknowledgedAt", BsonTimes.date(event.acknowledgedAt()))), UPSERT);
    }

    /** Open alerts of every programme the practitioner serves, oldest first (the most urgent). */
    public List<Alert> openFor(String practitionerId) {
        List<String> programmes = new ArrayList<>();
        for (Document route : routes.find(eq("practitioners", practitionerId))) {
            programmes.add(route.getString("_id"));
        }
        if (programmes.isEmpty()) {
            return List.of();
        }
        List<Alert> open = new ArrayList<>();
        for (Document doc : alerts.find(and(in("programmeId", programmes), eq("acknowledged", false)))
                .sort(Sorts.ascending("raisedAt"))) {
            open.add(alert(doc));
        }
        return open;
    }

    /** Whether this processor has seen the practitioner's assignment to the programme. */
    public boolean routes(String programmeId, String practitionerId) {
        return routes.find(and(eq("_id", programmeId), eq("practitioners", practitionerId))).first() != null;
    }

    public Optional<Alert> find(String concernId) {
        return Optional.ofNullable(alerts.find(eq("_id", concernId)).first()).map(SafetyAlerts::alert);
    }

    /** How many alerts are open, and how many of those were raised before {@code overdueBefore}. Counts only. */
    public record OpenCounts(long open, long overdue) {
    }

    /**
     * Counts the open alerts (reading only their {@code raisedAt}). On the embedded store this scans the alerts, so
     * callers cache it ({@link SafetyAlertMetrics}).
     */
    public OpenCounts openCounts(Instant overdueBefore) {
        long open = 0;
        long overdue = 0;
        for (Document doc : alerts.find(eq("acknowledged", false)).projection(Projections.include("raisedAt"))) {
            open++;
            Instant raisedAt = BsonTimes.instant(doc, "raisedAt");
            if (raisedAt != null && raisedAt.isBefore(overdueBefore)) {
                overdue++;
            }
        }
        return new OpenCounts(open, overdue);
    }

    /**
     * Per programme, how many open alerts were raised before {@code overdueBefore}; with {@code everyProgramme}, every
     * programme that has any alert appears, at 0 when none is overdue. Counts only.
     */
    public java.util.Map<String, Long> overdueByProgramme(Instant overdueBefore, boolean everyProgramme) {
        java.util.Map<String, Long> overdue = new java.util.TreeMap<>();
        for (Document doc : alerts.find(everyProgramme ? new Document() : eq("acknowledged", false))
                .projection(Projections.include("programmeId", "raisedAt", "acknowledged"))) {
            String programmeId = doc.getString("programmeId");
            if (programmeId == null) {
                continue;
            }
            Instant raisedAt = BsonTimes.instant(doc, "raisedAt");
            boolean late = !Boolean.TRUE.equals(doc.getBoolean("acknowledged")) && raisedAt != null
                    && raisedAt.isBefore(overdueBefore);
            overdue.merge(programmeId, late ? 1L : 0L, Long::sum);
        }
        return overdue;
    }

    private static Alert alert(Document doc) {
        return new Alert(doc.getString("_id"), doc.getString("participantId"), doc.getString("programmeId"),
                doc.getString("assessmentId"), doc.getString("instrumentId"), doc.getString("rule"),
                BsonTimes.instant(doc, "raisedAt"), doc.getString("acknowledgedBy"),
                BsonTimes.instant(doc, "acknowledgedAt"));
    }
}
