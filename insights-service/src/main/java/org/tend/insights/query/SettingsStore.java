package org.tend.insights.query;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bson.Document;
import org.tend.insights.domain.InsightSettings;
import org.tend.insights.privacy.Epsilon;

/**
 * What administrators set per programme ({@code settings}: one document per programme). Not part of a generation: it
 * is not projected from events, and a rebuild keeps it.
 *
 * <p>Each document carries a {@code version}, raised by every save in the same update: plans are stamped with the
 * version their settings were read at, and every instance reads it from the store for each question, so a change
 * saved through any instance outdates every instance's plans before the change's answer has gone out.
 */
public final class SettingsStore {

    static final String COLLECTION = "settings";

    /**
     * A programme's settings and the version of its document they were read at (0: never saved, the defaults).
     * Read together in one read, so plans made from {@code settings} are stamped with their own version.
     */
    public record Versioned(InsightSettings settings, long version) {
    }

    private final MongoDatabase db;

    public SettingsStore(MongoDatabase db) {
        this.db = db;
    }

    public InsightSettings of(String programmeId) {
        return versioned(programmeId).settings();
    }

    /** The settings with their version: one read of one document by its id. */
    public Versioned versioned(String programmeId) {
        Document doc = db.getCollection(COLLECTION).find(Filters.eq("_id", programmeId)).first();
        if (doc == null) {
            return new Versioned(InsightSettings.defaults(), 0);
        }
        Number version = doc.get("version", Number.class);
        return new Versioned(settings(doc), version == null ? 0 : version.longValue());
    }

    private static InsightSettings settings(Document doc) {
        Map<String, Integer> headcounts = new LinkedHashMap<>();
        Document stored = doc.get("eligibleHeadcounts", Document.class);
        if (stored != null) {
            stored.forEach((cohort, n) -> headcounts.put(cohort, ((Number) n).intValue()));
        }
        return new InsightSettings(headcounts, doc.getBoolean("noise", false),
                Epsilon.of(doc.getString("epsilonPerFigure")), Epsilon.of(doc.getString("monthlyBudget")),
                Duration.ofDays(doc.getInteger("reassessmentIntervalDays")));
    }

    /**
     * Saves the settings and raises their version in one single-document update: once it is acknowledged, any
     * instance's next read of the programme's settings sees both, so no answer after it comes from older plans.
     * (A document saved before versions existed has none: the first save makes it 1, unlike the 0 it was read at.)
     */
    public void save(String programmeId, InsightSettings settings) {
        db.getCollection(COLLECTION).updateOne(Filters.eq("_id", programmeId), Updates.combine(
                Updates.set("eligibleHeadcounts", new Document(new LinkedHashMap<>(settings.eligibleHeadcounts()))),
                Updates.set("noise", settings.noise()),
                Updates.set("epsilonPerFigure", settings.epsilonPerFigure().toString()),
                Updates.set("monthlyBudget", settings.monthlyBudget().toString()),
                Updates.set("reassessmentIntervalDays", (int) settings.reassessmentInterval().toDays()),
                Updates.inc("version", 1L)), new UpdateOptions().upsert(true));
    }
}
