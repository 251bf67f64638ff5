package org.tend.plumbing.messaging;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoCommandException;
import com.mongodb.MongoException;
import com.mongodb.MongoWriteException;
import com.mongodb.bulk.BulkWriteError;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Set;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * Tells a failure of the service's own infrastructure (the record is fine, the store is away) from a bad record.
 *
 * <p>Every failure of the store, or of the way to it, is an outage: any {@link MongoException} (unreachable, timed
 * out, no primary during an election, a write concern not met, a pool cleared, an operation over its time limit, two
 * writers racing on a unique key), a refused or timed-out connection, Axon's event store failing, and the key topic
 * not being readable (participants' keys unavailable). An outage is
 * retried for as long as it lasts and never sends a record to the dead letters.
 *
 * <p>One kind of store error is the record's fault instead: the server refusing what this record asked it to write
 * (a field name with a dot or a leading {@code $}, a document over the size limit, a value of the wrong type). No
 * retry can ever succeed, and retrying for ever would block the record's partition; it goes to the dead letters.
 */
public final class Outages {

    /**
     * Server error codes that refuse the content of a write: BadValue, FailedToParse, TypeMismatch, InvalidLength,
     * ConflictingUpdateOperators, DollarPrefixedFieldName, InvalidIdField, NotSingleValueField, InvalidDBRef,
     * EmptyFieldName, DottedFieldName, ImmutableField, BSONObjectTooLarge, and the two "document too large" codes.
     */
    private static final Set<Integer> CONTENT_REFUSED = Set.of(2, 9, 14, 16, 40, 52, 53, 54, 55, 56, 57, 66, 10334,
            17419, 17420);

    private Outages() {
    }

    public static boolean isOutage(Throwable failure) {
        boolean infrastructure = false;
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof MongoException mongo) {
                // The store's own word decides, even when Axon wrapped it in an EventStoreException.
                return !refusesContent(mongo);
            }
            if (t instanceof ConnectException || t instanceof SocketTimeoutException
                    || t instanceof UnknownHostException || t instanceof org.tend.keys.KeysUnavailableException
                    || t instanceof org.axonframework.eventsourcing.eventstore.EventStoreException) {
                infrastructure = true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return infrastructure;
    }

    private static boolean refusesContent(MongoException e) {
        if (e instanceof MongoWriteException write) {
            return CONTENT_REFUSED.contains(write.getError().getCode());
        }
        if (e instanceof MongoBulkWriteException bulk) {
            return bulk.getWriteErrors().stream().map(BulkWriteError::getCode).anyMatch(CONTENT_REFUSED::contains);
        }
        if (e instanceof MongoCommandException command) {
            return CONTENT_REFUSED.contains(command.getErrorCode());
        }
        return false;
    }

    /** 0.5 s doubling to 30 s between tries, without limit: the outage ends, or an operator steps in. */
    public static BackOff backOff() {
        ExponentialBackOff backOff = new ExponentialBackOff(500L, 2.0);
        backOff.setMaxInterval(30_000L);
        return backOff;
    }
}
