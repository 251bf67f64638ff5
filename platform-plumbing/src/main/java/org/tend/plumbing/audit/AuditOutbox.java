package org.tend.plumbing.audit;

import static com.mongodb.client.model.Filters.exists;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.lt;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import org.bson.Document;

/**
 * The service's own record of its audit entries, in its own database ({@code audit_outbox}): an entry is written here
 * before the response it records leaves the service, so it survives Kafka being away, and is published from here to
 * {@code tend.audit.entries}. Append-only: an entry is inserted once and never changed, except that the time it was
 * sent is added ({@code sentAt}); once sent, it is deleted after {@code tend.audit.outbox-retention}.
 */
public class AuditOutbox {

    public static final String COLLECTION = "audit_outbox";
    static final String SENT_AT = "sentAt";

    private final MongoCollection<Document> outbox;

    public AuditOutbox(MongoDatabase database) {
        this.outbox = database.getCollection(COLLECTION);
        // Finding the unsent ($exists: false) and purging the sent go by sentAt, on the embedded store too (§10).
        outbox.createIndex(Indexes.ascending(SENT_AT));
    }

    public void append(AuditEntry entry) {
        outbox.insertOne(entry.toDocument());
    }

    /** Entries not sent yet, oldest first. */
    public List<AuditEntry> unsent(int limit) {
        List<AuditEntry> entries = new ArrayList<>();
        for (Document doc : outbox.find(exists(SENT_AT, false)).sort(Sorts.ascending("occurredAt")).limit(limit)) {
            entries.add(AuditEntry.fromDocument(doc));
        }
        return entries;
    }

    public long unsentCount() {
        return outbox.countDocuments(exists(SENT_AT, false));
    }

    public void markSent(Collection<String> entryIds, Instant sentAt) {
        if (!entryIds.isEmpty()) {
            outbox.updateMany(in("_id", entryIds), Updates.set(SENT_AT, Date.from(sentAt)));
        }
    }

    /** Deletes the entries sent before {@code cutoff}; entries not sent yet are never deleted. */
    public long purgeSentBefore(Instant cutoff) {
        return outbox.deleteMany(lt(SENT_AT, Date.from(cutoff))).getDeletedCount();
    }
}
