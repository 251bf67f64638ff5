package org.tend.assessment.query;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gte;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.or;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;
import org.tend.plumbing.audit.AuditEntry;
import org.tend.plumbing.store.Upserts;

/**
 * The audit trail of the whole platform ({@code audit_entries}): every service's entries, as they arrive on
 * {@code tend.audit.entries}. Append-only: an entry is inserted once under its id and never changed; a copy that
 * arrives again (a resent record) is ignored. Entries older than {@code tend.audit.retention} are deleted
 * ({@link #purgeBefore}); nothing else ever deletes one.
 */
@Component
public class AuditTrail {

    public static final String COLLECTION = "audit_entries";

    /** Where a page ended: the next page starts after this entry (newest first). */
    public record Position(Instant occurredAt, String entryId) {
    }

    /**
     * What an admin asks for: each filter is optional; {@code from} is inclusive, {@code to} exclusive.
     *
     * @param after the last entry of the previous page, or null for the first page
     */
    public record Query(String actorId, String participantId, String service, Instant from, Instant to, int limit,
                        Position after) {
    }

    /** @param next where the next page starts; empty on the last page */
    public record Page(List<AuditEntry> entries, Optional<Position> next) {
    }

    private final MongoCollection<Document> entries;

    public AuditTrail(MongoDatabase database) {
        this.entries = database.getCollection(COLLECTION);
        // The page order, and each filter with it (the embedded store has them too: engineering notes §10).
        entries.createIndex(Indexes.descending("occurredAt", "_id"));
        entries.createIndex(Indexes.compoundIndex(Indexes.ascending("actorId"), Indexes.descending("occurredAt")));
        entries.createIndex(Indexes.compoundIndex(Indexes.ascending("participantId"),
                Indexes.descending("occurredAt")));
    }

    /** Keeps an entry; false when it was already kept (the same entry sent twice). */
    public boolean record(AuditEntry entry) {
        try {
            entries.insertOne(entry.toDocument());
            return true;
        } catch (MongoWriteException e) {
            if (Upserts.isDuplicateKey(e)) {
                return false;
            }
            throw e;
        }
    }

    /** One page, newest first (ties by entry id, descending), and where the next page starts. */
    public Page page(Query query) {
        List<Bson> filters = new ArrayList<>();
        if (query.actorId() != null) {
            filters.add(eq("actorId", query.actorId()));
        }
        if (query.participantId() != null) {
            filters.add(eq("participantId", query.participantId()));
        }
        if (query.service() != null) {
            filters.add(eq("service", query.service()));
        }
        if (query.from() != null) {
            filters.add(gte("occurredAt", Date.from(query.from())));
        }
        if (query.to() != null) {
            filters.add(lt("occurredAt", Date.from(query.to())));
        }
        if (query.after() != null) {
            Date at = Date.from(query.after().occurredAt());
            filters.add(or(lt("occurredAt", at), and(eq("occurredAt", at), lt("_id", query.after().entryId()))));
        }
        List<AuditEntry> found = new ArrayList<>();
        for (Document doc : entries.find(filters.isEmpty() ? new Document() : and(filters))
                .sort(Sorts.descending("occurredAt", "_id")).limit(query.limit() + 1)) {
            found.add(AuditEntry.fromDocument(doc));
        }
        if (found.size() <= query.limit()) {
            return new Page(found, Optional.empty());
        }
        List<AuditEntry> page = List.copyOf(found.subList(0, query.limit()));
        AuditEntry last = page.get(page.size() - 1);
        return new Page(page, Optional.of(new Position(last.occurredAt(), last.entryId())));
    }

    /** Deletes the entries that occurred before {@code cutoff}; returns how many. */
    public long purgeBefore(Instant cutoff) {
        return entries.deleteMany(lt("occurredAt", Date.from(cutoff))).getDeletedCount();
    }
}
