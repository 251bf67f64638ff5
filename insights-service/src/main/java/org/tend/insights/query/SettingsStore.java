package org.tend.insights.query;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.bson.Document;
import org.tend.insights.domain.InsightSettings;
import org.tend.insights.privacy.Epsilon;

/**
 * What administrators set per programme ({@code settings}: one document per programme). Not part of a generation: it
 * is not projected from events, and a rebuild keeps it.
 */
public final class SettingsStore {

    static final String COLLECTION = "settings";

    private final MongoDatabase db;
    private final AtomicLong changes = new AtomicLong();

    public SettingsStore(MongoDatabase db) {
        this.db = db;
    }

    /** A counter of the changes this instance made: plans made before a change are outdated after it. */
    public long changes() {
        return changes.get();
    }

    public InsightSettings of(String programmeId) {
        Document doc = db.getCollection(COLLECTION).find(Filters.eq("_id", programmeId)).first();
        if (doc == null) {
            return InsightSettings.defaults();
        }
        Map<String, Integer> headcounts = new LinkedHashMap<>();
        Document stored = doc.get("eligibleHeadcounts", Document.class);
        if (stored != null) {
            stored.forEach((cohort, n) -> headcounts.put(cohort, ((Number) n).intValue()));
        }
        return new InsightSettings(headcounts, doc.getBoolean("noise", false),
                Epsilon.of(doc.getString("epsilonPerFigure")), Epsilon.of(doc.getString("monthlyBudget")),
                Duration.ofDays(doc.getInteger("reassessmentIntervalDays")));
    }

    public void save(String programmeId, InsightSettings settings) {
        Document doc = new Document("_id", programmeId)
                .append("eligibleHeadcounts", new Document(new LinkedHashMap<>(settings.eligibleHeadcounts())))
                .append("noise", settings.noise())
                .append("epsilonPerFigure", settings.epsilonPerFigure().toString())
                .append("monthlyBudget", settings.monthlyBudget().toString())
                .append("reassessmentIntervalDays", (int) settings.reassessmentInterval().toDays());
        db.getCollection(COLLECTION).replaceOne(Filters.eq("_id", programmeId), doc, new ReplaceOptions().upsert(true));
        changes.incrementAndGet();
    }
}
