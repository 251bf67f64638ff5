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
import org.tend.catalogue.domain.plan.PlanAdjusted;
import org.tend.catalogue.domain.plan.PlanReviewed;
import org.tend.plumbing.store.Upserts;

/**
 * One document per participant: their plan's level and interventions now, and every adjustment and review in order.
 * Every write carries the plan's event sequence number and applies only over an older one (a replay changes
 * nothing); an erased participant's document is a marker no event can pass.
 */
@Component
public class CarePlanViews {

    static final String COLLECTION = "care_plans";
    private static final String ERASED_AT = "erasedAt";

    private final MongoCollection<Document> plans;

    public CarePlanViews(MongoDatabase database) {
        this.plans = database.getCollection(COLLECTION);
    }

    /** A plan as stored: its adjustments and reviews oldest first. */
    public record StoredPlan(String participantId, String level, int episode, List<String> interventions,
                             List<PlanAdjusted> adjustments, List<PlanReviewed> reviews) {
    }

    public Optional<StoredPlan> find(String participantId) {
        Document doc = plans.find(eq("_id", participantId)).first();
        if (doc == null || doc.get(ERASED_AT) != null) {
            return Optional.empty();
        }
        return Optional.of(new StoredPlan(participantId, doc.getString("level"), doc.getInteger("episode", 0),
                doc.getList("interventions", String.class, List.of()),
                doc.getList("adjustments", Document.class, List.of()).stream()
                        .map(a -> adjusted(participantId, a)).toList(),
                doc.getList("reviews", Document.class, List.of()).stream()
                        .map(r -> reviewed(participantId, r)).toList()));
    }

    /** The participant was erased: nothing about them is kept, and nothing can be written back. */
    public void forget(String participantId, Instant erasedAt) {
        plans.replaceOne(eq("_id", participantId), new Document("_id", participantId)
                .append("sequence", Long.MAX_VALUE).append(ERASED_AT, Date.from(erasedAt)),
                new ReplaceOptions().upsert(true));
    }

    void adjusted(PlanAdjusted e, long sequence) {
        write(e.participantId(), sequence, Updates.combine(Updates.set("level", e.level()),
                Updates.set("episode", e.episode()), Updates.set("interventions", e.interventions()),
                Updates.push("adjustments", new Document("adjustmentId", e.adjustmentId())
                        .append("episode", e.episode()).append("change", e.change()).append("reason", e.reason())
                        .append("note", e.note()).append("previousLevel", e.previousLevel())
                        .append("level", e.level()).append("interventionId", e.interventionId())
                        .append("replacedInterventionId", e.replacedInterventionId())
                        .append("interventions", e.interventions()).append("adjustedBy", e.adjustedBy())
                        .append("role", e.role()).append("adjustedAt", Date.from(e.adjustedAt())))));
    }

    void reviewed(PlanReviewed e, long sequence) {
        write(e.participantId(), sequence, Updates.push("reviews", new Document("reviewId", e.reviewId())
                .append("episode", e.episode()).append("reason", e.reason()).append("note", e.note())
                .append("reviewedBy", e.reviewedBy()).append("reviewedAt", Date.from(e.reviewedAt()))));
    }

    private void write(String participantId, long sequence, Bson update) {
        try {
            plans.updateOne(and(eq("_id", participantId), lt("sequence", sequence)),
                    Updates.combine(update, Updates.set("sequence", sequence)), new UpdateOptions().upsert(true));
        } catch (MongoWriteException e) {
            if (!Upserts.isDuplicateKey(e)) {
                throw e;
            }
        }
    }

    private static PlanAdjusted adjusted(String participantId, Document a) {
        return new PlanAdjusted(participantId, a.getString("adjustmentId"), a.getInteger("episode"),
                a.getString("change"), a.getString("reason"), a.getString("note"), a.getString("previousLevel"),
                a.getString("level"), a.getString("interventionId"), a.getString("replacedInterventionId"),
                a.getList("interventions", String.class), a.getString("adjustedBy"), a.getString("role"),
                InterventionDirectory.instant(a.getDate("adjustedAt")));
    }

    private static PlanReviewed reviewed(String participantId, Document r) {
        return new PlanReviewed(participantId, r.getString("reviewId"), r.getInteger("episode"), r.getString("reason"),
                r.getString("note"), r.getString("reviewedBy"),
                InterventionDirectory.instant(r.getDate("reviewedAt")));
    }
}
