package org.tend.plumbing.outbox;

import static com.mongodb.client.model.Filters.exists;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.lt;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.tend.plumbing.messaging.IntegrationEvent;
import org.tend.plumbing.store.Upserts;

/**
 * Integration events a service must publish at least once, kept in its own database until the broker has them: the
 * transactional-outbox half of "never lost". A writer puts entries keyed by their deterministic event id in the
 * same idempotent step as the state they follow from (a projection write, say), before it acknowledges its input; an
 * {@link OutboxPublisher} sends them and marks them sent. Putting an id again changes nothing ({@code $setOnInsert}),
 * so a redelivered input, or a rebuild that computes the same events, neither duplicates nor re-sends an entry that
 * is still kept; once an entry has been purged (sent, older than the retention) putting it again sends it again, with
 * the same id, which readers keep once.
 *
 * <p>Each entry: {@code _id} (= {@code ce_id}), {@code topic}, {@code type}, {@code key}, {@code time},
 * {@code data} (a document: the event's data as a map), {@code sentAt} once sent. The data is sent exactly as it was
 * put, null fields included (the integration JSON would drop them, and a schema may require a field to be null).
 */
public class EventOutbox implements OutboxRelay.Source {

    static final String SENT_AT = "sentAt";
    /** Data is sent as it was put, nulls included (a schema may require a field that is null). */
    private static final com.fasterxml.jackson.databind.ObjectMapper TREES = new com.fasterxml.jackson.databind.ObjectMapper();
    private static final UpdateOptions UPSERT = new UpdateOptions().upsert(true);

    private final String name;
    private final MongoCollection<Document> outbox;

    public EventOutbox(MongoDatabase database, String collection) {
        this.name = collection;
        this.outbox = database.getCollection(collection);
        // Finding the unsent ($exists: false) and purging the sent go by sentAt, on the embedded store too (§10).
        outbox.createIndex(Indexes.ascending(SENT_AT));
    }

    @Override
    public String name() {
        return name;
    }

    /**
     * Puts entries that are not there yet; an id already kept (sent or not) is left as it is.
     *
     * @throws IllegalArgumentException when an event's data is not a map (it is kept as a document)
     */
    public void put(Collection<OutboxEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        List<WriteModel<Document>> models = new ArrayList<>(entries.size());
        for (OutboxEntry entry : entries) {
            if (!(entry.event().data() instanceof Map<?, ?> data)) {
                throw new IllegalArgumentException("the data of an outbox entry must be a map: " + entry.event().type());
            }
            models.add(new UpdateOneModel<>(Filters.eq("_id", entry.id()), Updates.combine(
                    Updates.setOnInsert("topic", entry.topic()),
                    Updates.setOnInsert("type", entry.event().type()),
                    Updates.setOnInsert("key", entry.event().key()),
                    Updates.setOnInsert("time", Date.from(entry.time())),
                    Updates.setOnInsert("data", new Document(stringKeys(data)))), UPSERT));
        }
        try {
            outbox.bulkWrite(models, new BulkWriteOptions().ordered(false));
        } catch (com.mongodb.MongoBulkWriteException e) {
            // Two writers putting the same new id at once: the loser's upsert fails on the unique _id; the entry is
            // there, and putting the rest again is harmless.
            if (e.getWriteErrors().stream().allMatch(Upserts::isDuplicateKey)) {
                outbox.bulkWrite(models, new BulkWriteOptions().ordered(false));
            } else {
                throw e;
            }
        }
    }

    @Override
    public List<OutboxEntry> unsent(int limit) {
        List<OutboxEntry> entries = new ArrayList<>();
        for (Document doc : outbox.find(exists(SENT_AT, false)).sort(Sorts.ascending("time", "_id")).limit(limit)) {
            entries.add(new OutboxEntry(doc.getString("_id"), doc.getString("topic"), doc.getDate("time").toInstant(),
                    new IntegrationEvent(doc.getString("type"), doc.getString("key"),
                            TREES.valueToTree(doc.get("data", Document.class)))));
        }
        return entries;
    }

    public long unsentCount() {
        return outbox.countDocuments(exists(SENT_AT, false));
    }

    @Override
    public void markSent(Collection<String> ids, Instant sentAt) {
        if (!ids.isEmpty()) {
            outbox.updateMany(in("_id", ids), Updates.set(SENT_AT, Date.from(sentAt)));
        }
    }

    /**
     * Deletes every entry under a Kafka key, sent or not: an erased participant's records (keyed by their pseudonym)
     * are neither kept nor sent any more.
     */
    public long deleteKeyed(String key) {
        return outbox.deleteMany(Filters.eq("key", key)).getDeletedCount();
    }

    /** Deletes the entries sent before {@code cutoff}; entries not sent yet are never deleted. */
    public long purgeSentBefore(Instant cutoff) {
        return outbox.deleteMany(lt(SENT_AT, Date.from(cutoff))).getDeletedCount();
    }

    /** The entry kept under {@code id}, if any, with whether it was sent (for tests and operations). */
    public java.util.Optional<Document> find(String id) {
        return java.util.Optional.ofNullable(outbox.find(Filters.eq("_id", id)).first());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> stringKeys(Map<?, ?> data) {
        return (Map<String, Object>) data;
    }
}
