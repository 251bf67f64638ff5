package org.tend.catalogue.query;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.lt;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;
import org.tend.plumbing.store.Upserts;
import org.tend.catalogue.domain.recommendation.ConsideredOutcome;
import org.tend.catalogue.domain.recommendation.PathwayAdvice;
import org.tend.catalogue.domain.recommendation.RankedIntervention;
import org.tend.catalogue.domain.recommendation.RecommendationsIssued;

/**
 * One document per participant: their latest recommendation set and their format preferences. Every write carries
 * the aggregate's event sequence number and applies only over an older one (a replay changes nothing).
 */
@Component
public class RecommendationViews {

    static final String COLLECTION = "recommendations";
    private static final String ERASED_AT = "erasedAt";

    private final MongoCollection<Document> views;

    public RecommendationViews(MongoDatabase database) {
        this.views = database.getCollection(COLLECTION);
    }

    /**
     * @param latest     the latest set, or {@code null} when none has been issued yet
     * @param heldSince  when the participant's care hold began; {@code null} while not held
     */
    public record ParticipantView(String participantId, List<String> preferredFormats, RecommendationsIssued latest,
                                  Instant heldSince) {
    }

    public Optional<ParticipantView> find(String participantId) {
        Document doc = views.find(eq("_id", participantId)).first();
        if (doc == null || doc.get(ERASED_AT) != null) {
            return Optional.empty();
        }
        List<String> formats = doc.getList("preferredFormats", String.class, List.of());
        Document latest = doc.get("latest", Document.class);
        Date heldSince = doc.getDate("heldSince");
        return Optional.of(new ParticipantView(participantId, formats,
                latest == null ? null : issued(participantId, latest),
                heldSince == null ? null : InterventionDirectory.instant(heldSince)));
    }

    /**
     * The participant was erased: their document is replaced by a marker that holds nothing about them and whose
     * sequence no event can pass, so a projection still catching up cannot write them back.
     */
    public void forget(String participantId, Instant erasedAt) {
        views.replaceOne(eq("_id", participantId), new Document("_id", participantId)
                .append("sequence", Long.MAX_VALUE).append(ERASED_AT, Date.from(erasedAt)),
                new ReplaceOptions().upsert(true));
    }

    void issued(RecommendationsIssued event, long sequence) {
        write(event.participantId(), sequence, Updates.combine(Updates.set("latest", document(event)),
                Updates.set("preferredFormats", event.preferredFormats())));
    }

    void held(String participantId, Instant since, long sequence) {
        write(participantId, sequence, Updates.set("heldSince", Date.from(since)));
    }

    void released(String participantId, long sequence) {
        write(participantId, sequence, Updates.unset("heldSince"));
    }

    void preferencesChanged(String participantId, List<String> formats, long sequence) {
        write(participantId, sequence, Updates.set("preferredFormats", formats));
    }

    private void write(String participantId, long sequence, Bson update) {
        try {
            views.updateOne(and(eq("_id", participantId), lt("sequence", sequence)),
                    Updates.combine(update, Updates.set("sequence", sequence)), new UpdateOptions().upsert(true));
        } catch (MongoWriteException e) {
            if (!Upserts.isDuplicateKey(e)) {
                throw e;
            }
        }
    }

    private static Document document(RecommendationsIssued e) {
        PathwayAdvice p = e.pathway();
        return new Document("basedOnAssessmentId", e.basedOnAssessmentId())
                .append("instrumentId", e.instrumentId())
                .append("band", e.band())
                .append("level", e.level())
                .append("basisRuleId", e.basisRuleId())
                .append("levelReason", e.levelReason())
                .append("pathway", p == null ? null : new Document("pathway", p.pathway())
                        .append("reasonCode", p.reasonCode()).append("reason", p.reason())
                        .append("ruleId", p.ruleId()))
                .append("recommendations", e.recommendations().stream()
                        .map(r -> new Document("interventionId", r.interventionId()).append("rank", r.rank())
                                .append("reasonCode", r.reasonCode()).append("reason", r.reason())
                                .append("ruleId", r.ruleId()))
                        .toList())
                .append("considered", e.considered().stream()
                        .map(c -> new Document("assessmentId", c.assessmentId())
                                .append("instrumentId", c.instrumentId()).append("band", c.band())
                                .append("totalScore", c.totalScore()).append("level", c.level())
                                .append("ruleId", c.ruleId()).append("reason", c.reason()))
                        .toList())
                .append("preferredFormats", e.preferredFormats())
                .append("catalogueVersion", e.catalogueVersion())
                .append("steppedCareVersion", e.steppedCareVersion())
                .append("issuedAt", Date.from(e.issuedAt()));
    }

    private static RecommendationsIssued issued(String participantId, Document d) {
        Document p = d.get("pathway", Document.class);
        return new RecommendationsIssued(participantId, d.getString("basedOnAssessmentId"), d.getString("instrumentId"),
                d.getString("band"), d.getString("level"), d.getString("basisRuleId"), d.getString("levelReason"),
                p == null ? null : new PathwayAdvice(p.getString("pathway"), p.getString("reasonCode"),
                        p.getString("reason"), p.getString("ruleId")),
                d.getList("recommendations", Document.class).stream()
                        .map(r -> new RankedIntervention(r.getString("interventionId"), r.getInteger("rank"),
                                r.getString("reasonCode"), r.getString("reason"), r.getString("ruleId")))
                        .toList(),
                d.getList("considered", Document.class).stream()
                        .map(c -> new ConsideredOutcome(c.getString("assessmentId"), c.getString("instrumentId"),
                                c.getString("band"), c.getInteger("totalScore"), c.getString("level"),
                                c.getString("ruleId"), c.getString("reason")))
                        .toList(),
                d.getList("preferredFormats", String.class), d.getString("catalogueVersion"),
                d.getString("steppedCareVersion"), InterventionDirectory.instant(d.getDate("issuedAt")));
    }
}
