package org.tend.assessment.query;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gte;
import static com.mongodb.client.model.Filters.lte;
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
import org.tend.contracts.ErasureStores;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.bson.Document;
import org.tend.assessment.domain.enrolment.ParticipantErased;
import org.tend.assessment.erasure.ErasureReports;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;
import org.tend.assessment.domain.assessment.AssessmentCompleted;
import org.tend.assessment.domain.assessment.AssessmentExpired;
import org.tend.assessment.domain.assessment.AssessmentStarted;
import org.tend.assessment.domain.assessment.FollowUpAssessmentDue;
import org.tend.assessment.domain.safety.SafetyConcernRaised;

/**
 * Participants' assessments (results without item answers) and the follow-up instruments a positive screen made
 * due. Every write is an upsert keyed by the assessment id or by participant + instrument, and the events of one
 * processor arrive in store order, so replaying any of them changes nothing.
 */
@Component
@ProcessingGroup(AssessmentViews.PROCESSING_GROUP)
public class AssessmentViews {

    public static final String PROCESSING_GROUP = "assessment-views";

    /** One assessment as lists show it. {@code score}… are {@code null} until completed. */
    public record AssessmentSummary(String assessmentId, String participantId, String programmeId,
                                    String instrumentId, String instrumentVersion, String status, Instant startedAt,
                                    Instant expiresAt, Instant completedAt, Instant expiredAt, Integer score,
                                    Integer rawScore, Integer scaledScore, Integer scoreMin, Integer scoreMax,
                                    String band, String bandLabel, boolean safetyConcernRaised) {
    }

    /** An instrument a participant should take because a screener came out positive. */
    public record FollowUp(String participantId, String instrumentId, String becauseAssessmentId,
                           String becauseInstrumentId, String becauseBand, Instant dueAt) {
    }

    private static final UpdateOptions UPSERT = new UpdateOptions().upsert(true);

    private final MongoCollection<Document> assessments;
    private final MongoCollection<Document> followUps;

    private final ErasureReports erasures;
    private final Clock clock;

    public AssessmentViews(MongoDatabase database, ErasureReports erasures, Clock clock) {
        this.erasures = erasures;
        this.clock = clock;
        this.assessments = database.getCollection("assessments");
        this.followUps = database.getCollection("follow_ups");
        assessments.createIndex(Indexes.ascending("participantId", "startedAt"));
        assessments.createIndex(Indexes.ascending("status", "expiresAt"));
        followUps.createIndex(Indexes.ascending("participantId"));
    }

    /** The participant was erased: every document about them goes, then this store confirms it in the report. */
    @EventHandler
    void on(ParticipantErased event) {
        assessments.deleteMany(eq("participantId", event.participantId()));
        followUps.deleteMany(eq("participantId", event.participantId()));
        erasures.confirm(event.erasureId(), ErasureStores.ASSESSMENT_VIEWS, clock.instant());
    }

    @EventHandler
    void on(AssessmentStarted event) {
        assessments.updateOne(eq("_id", event.assessmentId()), combine(
                started(event.assessmentId(), event.participantId(), event.programmeId(), event.instrumentId(),
                        event.instrumentVersion()),
                setOnInsert("status", "started"),
                set("startedAt", BsonTimes.date(event.startedAt())),
                set("expiresAt", BsonTimes.date(event.expiresAt()))), UPSERT);
    }

    @EventHandler
    void on(AssessmentCompleted event) {
        assessments.updateOne(eq("_id", event.assessmentId()), combine(
                started(event.assessmentId(), event.participantId(), event.programmeId(), event.instrumentId(),
                        event.instrumentVersion()),
                set("status", "completed"),
                set("completedAt", BsonTimes.date(event.completedAt())),
                set("score", event.score()),
                set("rawScore", event.rawScore()),
                set("scaledScore", event.scaledScore()),
                set("scoreMin", event.scoreMin()),
                set("scoreMax", event.scoreMax()),
                set("band", event.band()),
                set("bandLabel", event.bandLabel())), UPSERT);
        // Completing an instrument clears it as a follow-up: events arrive in store order, so only a follow-up made
        // due before this completion can be cleared by it.
        followUps.deleteOne(eq("_id", followUpId(event.participantId(), event.instrumentId())));
    }

    @EventHandler
    void on(AssessmentExpired event) {
        assessments.updateOne(eq("_id", event.assessmentId()), combine(
                set("status", "expired"), set("expiredAt", BsonTimes.date(event.expiredAt()))), UPSERT);
    }

    @EventHandler
    void on(SafetyConcernRaised event) {
        assessments.updateOne(eq("_id", event.assessmentId()), set("safetyConcernRaised", true), UPSERT);
    }

    @EventHandler
    void on(FollowUpAssessmentDue event) {
        followUps.updateOne(eq("_id", followUpId(event.participantId(), event.instrumentId())), combine(
                set("participantId", event.participantId()),
                set("instrumentId", event.instrumentId()),
                set("becauseAssessmentId", event.becauseAssessmentId()),
                set("becauseInstrumentId", event.becauseInstrumentId()),
                set("becauseBand", event.becauseBand()),
                set("dueAt", BsonTimes.date(event.dueAt()))), UPSERT);
    }

    /**
     * How many assessments the participant has started since {@code since}, counted up to {@code atMost} (the
     * caller only asks whether a limit is reached).
     *
     * <p>Why not {@code countDocuments}: it runs on every StartAssessment, and the driver sends it as an aggregation,
     * which the embedded store answers by reading every assessment ever stored (engineering notes §10). A find
     * limited to {@code atMost} ids is served by the {@code {participantId, startedAt}} index there and on MongoDB.
     */
    public long startedSince(String participantId, Instant since, int atMost) {
        if (atMost <= 0) {
            return 0;
        }
        long started = 0;
        for (Document ignored : assessments.find(and(eq("participantId", participantId),
                gte("startedAt", BsonTimes.date(since)))).projection(Projections.include("_id")).limit(atMost)) {
            started++;
        }
        return started;
    }

    /** A participant's assessments, newest first. */
    public List<AssessmentSummary> ofParticipant(String participantId) {
        List<AssessmentSummary> all = new ArrayList<>();
        for (Document doc : assessments.find(eq("participantId", participantId)).sort(Sorts.descending("startedAt"))) {
            all.add(summary(doc));
        }
        return all;
    }

    public AssessmentSummary find(String assessmentId) {
        Document doc = assessments.find(eq("_id", assessmentId)).first();
        return doc == null ? null : summary(doc);
    }

    /** Ids of assessments still started whose expiry has passed, oldest expiry first. */
    public List<String> unfinishedExpiredBy(Instant now, int limit) {
        List<String> ids = new ArrayList<>();
        for (Document doc : assessments.find(and(eq("status", "started"), lte("expiresAt", BsonTimes.date(now))))
                .sort(Sorts.ascending("expiresAt")).limit(limit)) {
            ids.add(doc.getString("_id"));
        }
        return ids;
    }

    public List<FollowUp> followUpsOf(String participantId) {
        List<FollowUp> due = new ArrayList<>();
        for (Document doc : followUps.find(eq("participantId", participantId)).sort(Sorts.ascending("dueAt"))) {
            due.add(new FollowUp(doc.getString("participantId"), doc.getString("instrumentId"),
                    doc.getString("becauseAssessmentId"), doc.getString("becauseInstrumentId"),
                    doc.getString("becauseBand"), BsonTimes.instant(doc, "dueAt")));
        }
        return due;
    }

    private static Bson started(String assessmentId, String participantId, String programmeId, String instrumentId,
                                String instrumentVersion) {
        return combine(setOnInsert("participantId", participantId), setOnInsert("programmeId", programmeId),
                setOnInsert("instrumentId", instrumentId), setOnInsert("instrumentVersion", instrumentVersion));
    }

    private static String followUpId(String participantId, String instrumentId) {
        return participantId + "|" + instrumentId;
    }

    private static AssessmentSummary summary(Document doc) {
        return new AssessmentSummary(doc.getString("_id"), doc.getString("participantId"),
                doc.getString("programmeId"), doc.getString("instrumentId"), doc.getString("instrumentVersion"),
                doc.getString("status"), BsonTimes.instant(doc, "startedAt"), BsonTimes.instant(doc, "expiresAt"),
                BsonTimes.instant(doc, "completedAt"), BsonTimes.instant(doc, "expiredAt"), doc.getInteger("score"),
                doc.getInteger("rawScore"), doc.getInteger("scaledScore"), doc.getInteger("scoreMin"),
                doc.getInteger("scoreMax"), doc.getString("band"), doc.getString("bandLabel"),
                doc.getBoolean("safetyConcernRaised", false));
    }
}
