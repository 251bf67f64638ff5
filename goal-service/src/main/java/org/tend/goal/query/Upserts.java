package org.tend.goal.query;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;

final class Upserts {
    private Upserts() {
    }

    /** An upsert whose filter did not match an existing document, so it tried to insert a second one of that id. */
    static boolean isDuplicateKey(MongoWriteException e) {
        return ErrorCategory.fromErrorCode(e.getError().getCode()) == ErrorCategory.DUPLICATE_KEY;
    }
}
