package org.tend.plumbing.axon;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.lt;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.bson.Document;

/**
 * Which events each streaming event processor of the service has handled, kept in the service's own database for as
 * long as the {@link EventReconciler} looks back. One document per handled batch (never one write per event: the
 * embedded store's H2 backend manages a few thousand writes per second, engineering notes §15):
 * {@code {processor, ids: [event ids], handledAt, keepUntil}}.
 *
 * <p>A batch is recorded before the processor stores its token, inside the batch's last handler call
 * ({@link LedgerInterceptor}), so a processor position always implies that the ledger holds what it handled up to it.
 * {@code keepUntil} is the later of the handling time and the newest event's own timestamp, plus the retention: an
 * entry outlives the window in which the reconciler could still look at its events, whatever the writers' clocks.
 */
public class HandledEventLedger {

    public static final String COLLECTION = "handled_events";

    private final MongoCollection<Document> entries;
    private final Duration retention;
    private final Clock clock;

    /**
     * @param retention how long after its events an entry is kept; longer than the reconciler's window
     */
    public HandledEventLedger(MongoDatabase database, Duration retention, Clock clock) {
        this.entries = database.getCollection(COLLECTION);
        this.retention = retention;
        this.clock = clock;
        // For real MongoDB: reads by processor, and expiry by keepUntil without waiting for prune(). The embedded
        // store ignores both (engineering notes §10); prune() and a scan do the same there.
        entries.createIndex(Indexes.ascending("processor"));
        entries.createIndex(Indexes.ascending("keepUntil"), new IndexOptions().expireAfter(0L, TimeUnit.SECONDS));
    }

    /** An event as the ledger knows it: its id and its own timestamp. */
    public record Handled(String eventId, Instant timestamp) {
    }

    /** Records one batch of handled events in one write. */
    public void record(String processor, Collection<Handled> events) {
        if (events.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        Instant newest = now;
        List<String> ids = new ArrayList<>(events.size());
        for (Handled event : events) {
            ids.add(event.eventId());
            if (event.timestamp() != null && event.timestamp().isAfter(newest)) {
                newest = event.timestamp();
            }
        }
        entries.insertOne(new Document("processor", processor)
                .append("ids", ids)
                .append("handledAt", Date.from(now))
                .append("keepUntil", Date.from(newest.plus(retention))));
    }

    /** The ids of every event the processor has handled within the retention. */
    public Set<String> handledBy(String processor) {
        Set<String> ids = new HashSet<>();
        for (Document entry : entries.find(eq("processor", processor)).projection(Projections.include("ids"))) {
            ids.addAll(entry.getList("ids", String.class, List.of()));
        }
        return ids;
    }

    /** Drops the entries past their retention; returns how many. */
    public long prune() {
        return entries.deleteMany(lt("keepUntil", Date.from(clock.instant()))).getDeletedCount();
    }
}
