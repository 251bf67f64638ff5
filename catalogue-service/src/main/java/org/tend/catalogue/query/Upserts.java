package org.tend.catalogue.query;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;

/** Mongo write helpers for idempotent projections. */
final class Upserts {
    private Upserts() {
    }

    /**
     * An upsert guarded by "only if newer" inserts when its filter matches nothing; when the document exists but is
     * as new or newer, that insert hits the unique {@code _id}: the write was stale and is rightly dropped.
     */
    static boolean isDuplicateKey(MongoWriteException e) {
        return e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY;
    }
}
