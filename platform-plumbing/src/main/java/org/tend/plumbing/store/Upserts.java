package org.tend.plumbing.store;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.ErrorCategory;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import org.bson.Document;

/** Idempotent writes for read models that a redelivered record must leave unchanged. */
public final class Upserts {

    private Upserts() {
    }

    /**
     * Adds {@code value} to the set {@code field} of the document {@code id}, creating it if needed. Two first
     * upserts of one id can race: the loser's insert hits the unique {@code _id}, and simply updates on a retry.
     */
    public static void addToSet(MongoCollection<Document> collection, String id, String field, String value) {
        try {
            collection.updateOne(eq("_id", id), Updates.addToSet(field, value), new UpdateOptions().upsert(true));
        } catch (MongoWriteException e) {
            if (!isDuplicateKey(e)) {
                throw e;
            }
            collection.updateOne(eq("_id", id), Updates.addToSet(field, value));
        }
    }

    /**
     * An upsert whose filter matched no document tried to insert one whose {@code _id} exists: for a filter "only
     * if newer" the write was stale and is rightly dropped; for a plain upsert, another writer created it first.
     */
    public static boolean isDuplicateKey(MongoWriteException e) {
        return e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY;
    }

    /** The same, for one write of a bulk write. */
    public static boolean isDuplicateKey(BulkWriteError error) {
        return ErrorCategory.fromErrorCode(error.getCode()) == ErrorCategory.DUPLICATE_KEY;
    }
}
