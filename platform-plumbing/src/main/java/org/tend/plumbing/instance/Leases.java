package org.tend.plumbing.instance;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gt;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.or;
import static com.mongodb.client.model.Filters.regex;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Named leases in the service's own database (collection {@value #COLLECTION}, one document per name: its owner, an
 * {@link InstanceId}, and when the lease expires): what lets one of several instances of a service do a thing at a
 * time (a scheduled job, an outbox's relay) and another take it over when the holder dies.
 *
 * <p>Acquiring and renewing are one conditional write: "set me as owner until now + ttl, where the owner is me or the
 * lease has expired". When it matches nothing and the name exists, another instance holds a live lease: not acquired.
 * Only a name never used is upserted, and two instances upserting it at once end with one inserted and one refused
 * (duplicate key). The decision is always the conditional write's, so there is no check-then-act race; the existence
 * read only spares the store a refused insert each round (which it would log as an error). It works alike on MongoDB
 * and on the embedded store.
 *
 * <p>Times come from the clock given (the service's {@code Clock} bean): instances must agree on "now" to within a
 * small part of a lease's ttl. With the local stack's demo clock every instance reads the same offset file; moving it
 * forward expires every lease at once, so a job may run once on each instance after the move (every Tend job is
 * idempotent). Leases held are released when this object is closed (the application context's shutdown), so a
 * graceful stop hands over at once rather than after a ttl.
 */
public final class Leases implements AutoCloseable {

    public static final String COLLECTION = "leases";
    private static final Logger log = LoggerFactory.getLogger(Leases.class);

    /** What an attempt to acquire gave. */
    public enum Acquisition {
        /** Held anew: the lease was free, expired, or held by another instance that let it expire. */
        ACQUIRED,
        /** Held already by this instance, and still live: extended. */
        RENEWED,
        /** Another instance holds a live lease. */
        REFUSED;

        public boolean held() {
            return this != REFUSED;
        }
    }

    /** Who holds a lease, until when. */
    public record Holder(String owner, Instant expiresAt) {
    }

    private final MongoCollection<Document> leases;
    private final InstanceId me;
    private final Clock clock;
    private final Set<String> held = ConcurrentHashMap.newKeySet();

    public Leases(MongoDatabase database, InstanceId me, Clock clock) {
        this.leases = database.getCollection(COLLECTION);
        this.me = me;
        this.clock = clock;
    }

    public InstanceId instance() {
        return me;
    }

    /**
     * Acquires the lease {@code name} for {@code ttl} from now, or renews it when this instance holds it. A store
     * fault propagates (the caller does not hold the lease then).
     */
    public Acquisition acquire(String name, Duration ttl) {
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("a lease needs a positive ttl");
        }
        Instant now = clock.instant();
        Document before;
        Bson mine = and(eq("_id", name), or(eq("owner", me.value()), lt("expiresAt", Date.from(now))));
        Bson take = Updates.combine(Updates.set("owner", me.value()), Updates.set("expiresAt", Date.from(now.plus(ttl))),
                Updates.set("renewedAt", Date.from(now)));
        try {
            before = leases.findOneAndUpdate(mine, take,
                    new FindOneAndUpdateOptions().returnDocument(ReturnDocument.BEFORE));
            if (before == null) {
                if (leases.find(eq("_id", name)).projection(new Document("_id", 1)).first() != null) {
                    // Held by another instance: refused without a failed insert (a store logs every refused insert
                    // as an error, and a non-holder asks every round).
                    held.remove(name);
                    return Acquisition.REFUSED;
                }
                // First use of the name: the upsert inserts it, or meets another instance's insert (duplicate key).
                before = leases.findOneAndUpdate(mine, take,
                        new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.BEFORE));
            }
        } catch (MongoException e) {
            if (isDuplicateKey(e)) {
                held.remove(name);
                return Acquisition.REFUSED; // held by another instance (or inserted by one a moment before us)
            }
            throw e;
        }
        held.add(name);
        boolean continued = before != null && me.value().equals(before.getString("owner"))
                && !before.getDate("expiresAt").toInstant().isBefore(now);
        return continued ? Acquisition.RENEWED : Acquisition.ACQUIRED;
    }

    /** Whether this instance holds the lease {@code name} now (a read; the answer may be stale a moment later). */
    public boolean holds(String name) {
        return holder(name).filter(h -> h.owner().equals(me.value())).isPresent();
    }

    /** The live holder of {@code name}, if any. */
    public Optional<Holder> holder(String name) {
        Document doc = leases.find(and(eq("_id", name), gt("expiresAt", Date.from(clock.instant())))).first();
        return doc == null ? Optional.empty()
                : Optional.of(new Holder(doc.getString("owner"), doc.getDate("expiresAt").toInstant()));
    }

    /** The owners of the live leases whose names start with {@code prefix} (e.g. every live instance's heartbeat). */
    public List<Holder> live(String prefix) {
        List<Holder> holders = new ArrayList<>();
        for (Document doc : leases.find(and(regex("_id", "^" + Pattern.quote(prefix)),
                gt("expiresAt", Date.from(clock.instant()))))) {
            holders.add(new Holder(doc.getString("owner"), doc.getDate("expiresAt").toInstant()));
        }
        return holders;
    }

    /** Gives the lease up, if this instance holds it; returns whether it did. */
    public boolean release(String name) {
        held.remove(name);
        return leases.deleteOne(and(eq("_id", name), eq("owner", me.value()))).getDeletedCount() > 0;
    }

    /** A job run under the lease {@code name} (see {@link LeasedJob}). */
    public LeasedJob job(String name, Duration ttl) {
        return new LeasedJob(this, name, ttl);
    }

    /**
     * The ttl of a job run every {@code interval}: its holder renews it at every run (and during a long one), so it
     * must outlast one interval with a margin: twice the interval, and at least 10 s.
     */
    public static Duration jobTtl(Duration interval) {
        Duration twice = interval.multipliedBy(2);
        return twice.compareTo(Duration.ofSeconds(10)) < 0 ? Duration.ofSeconds(10) : twice;
    }

    /**
     * Releases every lease this instance holds (at shutdown), so that another instance takes over at once. Waits at
     * most {@link #RELEASE_WAIT}: with the store away a release would wait for the driver's server selection (30 s),
     * holding the shutdown up, when the leases expire by themselves anyway.
     */
    @Override
    public void close() {
        List<String> names = new ArrayList<>(held);
        if (names.isEmpty()) {
            return;
        }
        Thread releaser = new Thread(() -> {
            for (String name : names) {
                try {
                    release(name);
                } catch (RuntimeException e) {
                    log.warn("lease {} not released at shutdown ({}); it expires by itself", name, e.toString());
                }
            }
        }, "tend-lease-release");
        releaser.setDaemon(true);
        releaser.start();
        try {
            releaser.join(RELEASE_WAIT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (releaser.isAlive()) {
            log.warn("instance {} could not release its leases {} within {}; they expire by themselves", me, names,
                    RELEASE_WAIT);
        } else {
            log.info("instance {} released its leases {}", me, names);
        }
    }

    /** The longest a shutdown waits for this instance's leases to be released. */
    public static final Duration RELEASE_WAIT = Duration.ofSeconds(2);

    static boolean isDuplicateKey(MongoException e) {
        return ErrorCategory.fromErrorCode(e.getCode()) == ErrorCategory.DUPLICATE_KEY
                || (e.getMessage() != null && e.getMessage().contains("E11000"));
    }
}
