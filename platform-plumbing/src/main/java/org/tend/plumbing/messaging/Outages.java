package org.tend.plumbing.messaging;

import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import java.net.ConnectException;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.ExponentialBackOff;

/** Tells a failure of the service's own infrastructure (the record is fine, the store is away) from a bad record. */
final class Outages {

    private Outages() {
    }

    static boolean isOutage(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof MongoSocketException || t instanceof MongoTimeoutException
                    || t instanceof ConnectException
                    || t instanceof org.axonframework.eventsourcing.eventstore.EventStoreException) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    /** 0.5 s doubling to 30 s between tries, without limit: the outage ends, or an operator steps in. */
    static BackOff backOff() {
        ExponentialBackOff backOff = new ExponentialBackOff(500L, 2.0);
        backOff.setMaxInterval(30_000L);
        return backOff;
    }
}
