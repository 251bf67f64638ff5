package org.tend.progress.reminders;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.lt;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.ReplaceOptions;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import org.bson.Document;
import org.tend.plumbing.store.Upserts;

/**
 * How many safety alerts of each programme are overdue, as assessment-service last counted them
 * ({@code safety-alerts-overdue} on its internal topic): the newest count per programme holds, whatever order the
 * records come in. Counts only, for the practitioners' digest.
 */
public class AlertCounts {

    static final String COLLECTION = "alert_counts";

    /** The record as progress reads it. */
    public record SafetyAlertsOverdue(String programmeId, int overdueAlerts, Instant countedAt) {
    }

    private final MongoCollection<Document> counts;

    public AlertCounts(MongoDatabase database) {
        this.counts = database.getCollection(COLLECTION);
    }

    public void record(SafetyAlertsOverdue count) {
        try {
            counts.replaceOne(and(eq("_id", count.programmeId()), lt("countedAt", Date.from(count.countedAt()))),
                    new Document("_id", count.programmeId()).append("overdue", count.overdueAlerts())
                            .append("countedAt", Date.from(count.countedAt())), new ReplaceOptions().upsert(true));
        } catch (MongoWriteException e) {
            if (!Upserts.isDuplicateKey(e)) {
                throw e;
            }
            // a count as new or newer is recorded already
        }
    }

    /** The overdue alerts of these programmes together. */
    public int overdueIn(Collection<String> programmeIds) {
        int total = 0;
        if (programmeIds.isEmpty()) {
            return total;
        }
        for (Document doc : counts.find(in("_id", programmeIds))) {
            total += doc.getInteger("overdue", 0);
        }
        return total;
    }
}
