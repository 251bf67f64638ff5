package org.tend.plumbing.idempotency;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoException;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.bson.types.Binary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outcomes of requests sent with an {@code Idempotency-Key}, in the service's own MongoDB database (collection
 * {@value #COLLECTION}). One document per (caller, key), under {@code _id} = a hash of both, so the one index every
 * store enforces (the unique {@code _id}, on mongo-java-server too: engineering notes §10) decides which of two
 * requests racing with the same key runs: the one whose insert wins. A document is first <em>in flight</em> (it
 * holds a random owner token and expires after a short lease, so a request cut short by a crash does not block its
 * key for a day), then <em>done</em> with the outcome to replay until {@code expiresAt} (the first request's time +
 * the TTL). An expired document counts as absent, whether or not it has been deleted: MongoDB's TTL index removes it
 * eventually, the embedded store (which has no TTL indexes) when the key is used again.
 */
public final class IdempotencyRecords {

    public static final String COLLECTION = "idempotency_keys";
    private static final Logger log = LoggerFactory.getLogger(IdempotencyRecords.class);

    /** What a request with this key must do. */
    public sealed interface Claim permits Claim.Run, Claim.Replay, Claim.InFlight, Claim.OtherRequest {
        /** Nobody has used the key (or its record expired): run the request, then complete or release. */
        record Run(String owner) implements Claim {
        }

        /** The same request already has an outcome: answer with it, run nothing. */
        record Replay(Outcome outcome) implements Claim {
        }

        /** The same request is still running. */
        record InFlight() implements Claim {
        }

        /** The key was used for a different request (method, target or body). */
        record OtherRequest() implements Claim {
        }
    }

    /** A kept answer: the status, the headers that matter to a client (Content-Type, Location), the body. */
    public record Outcome(int status, String contentType, String location, byte[] body) {
    }

    private final MongoCollection<Document> records;
    private final Clock clock;
    private final Duration ttl;
    private final Duration inFlightLease;

    public IdempotencyRecords(MongoDatabase database, Clock clock, Duration ttl, Duration inFlightLease) {
        this.records = database.getCollection(COLLECTION);
        this.clock = clock;
        this.ttl = Objects.requireNonNull(ttl, "ttl");
        this.inFlightLease = Objects.requireNonNull(inFlightLease, "inFlightLease");
        try {
            records.createIndex(Indexes.ascending("expiresAt"), new IndexOptions().expireAfter(0L, TimeUnit.SECONDS)
                    .name("expiresAt_ttl"));
        } catch (MongoException e) {
            log.warn("no TTL index on {}: expired keys stay until they are used again ({})", COLLECTION,
                    e.getMessage());
        }
    }

    public Duration ttl() {
        return ttl;
    }

    /** Decides what the request identified by {@code id} with this {@code fingerprint} does. */
    public Claim claim(String id, String fingerprint) {
        for (int attempt = 0; attempt < 5; attempt++) {
            Instant now = clock.instant();
            String owner = UUID.randomUUID().toString();
            Document inFlight = new Document("_id", id).append("fingerprint", fingerprint).append("state", "in-flight")
                    .append("owner", owner).append("createdAt", Date.from(now))
                    .append("expiresAt", Date.from(now.plus(inFlightLease)));
            try {
                records.insertOne(inFlight);
                return new Claim.Run(owner);
            } catch (MongoWriteException e) {
                if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
            }
            Document existing = records.find(eq("_id", id)).first();
            if (existing == null) {
                continue; // released or purged in between: try again
            }
            if (!existing.getDate("expiresAt").toInstant().isAfter(now)) {
                // Expired: take it over, unless someone else does first.
                if (records.replaceOne(and(eq("_id", id), eq("owner", existing.getString("owner"))), inFlight)
                        .getMatchedCount() == 1) {
                    return new Claim.Run(owner);
                }
                continue;
            }
            if (!fingerprint.equals(existing.getString("fingerprint"))) {
                return new Claim.OtherRequest();
            }
            if ("in-flight".equals(existing.getString("state"))) {
                return new Claim.InFlight();
            }
            Binary body = existing.get("body", Binary.class);
            return new Claim.Replay(new Outcome(existing.getInteger("status"), existing.getString("contentType"),
                    existing.getString("location"), body == null ? new byte[0] : body.getData()));
        }
        throw new IllegalStateException("the idempotency record " + id + " kept changing under us");
    }

    /** Keeps the outcome of the request that claimed the key, to replay until the first request's time + TTL. */
    public void complete(String id, String owner, Outcome outcome) {
        Document record = records.find(and(eq("_id", id), eq("owner", owner))).first();
        if (record == null) {
            log.warn("the idempotency record {} was taken over before its request finished", id);
            return;
        }
        Instant expiresAt = record.getDate("createdAt").toInstant().plus(ttl);
        records.updateOne(and(eq("_id", id), eq("owner", owner)), Updates.combine(
                Updates.set("state", "done"), Updates.set("status", outcome.status()),
                Updates.set("contentType", outcome.contentType()), Updates.set("location", outcome.location()),
                Updates.set("body", new Binary(outcome.body())), Updates.set("expiresAt", Date.from(expiresAt))));
    }

    /** Forgets the key: its request is to be run again when it is retried (a 5xx, a "retry" 4xx, an exception). */
    public void release(String id, String owner) {
        records.deleteOne(and(eq("_id", id), eq("owner", owner)));
    }
}
