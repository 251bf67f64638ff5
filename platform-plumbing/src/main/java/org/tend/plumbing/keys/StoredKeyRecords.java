package org.tend.plumbing.keys;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.exists;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Updates;
import java.time.Duration;
import java.util.Date;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.bson.Document;
import org.bson.types.Binary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tend.keys.KafkaKeyRecords;
import org.tend.keys.KeyRecords;

/**
 * The key records of the service that makes participants' keys: each new key is stored first in the service's own
 * MongoDB ({@value #COLLECTION}, one document per participant, its id the pseudonym), where a unique insert decides
 * which of two instances' keys a participant gets; it is then shared on the key topic without holding the command up.
 * So a participant can enrol while the broker is away (their key reaches the topic when it is back: a sweep shares
 * every key not yet shared), and two instances never give one participant two keys.
 *
 * <p>Erasure replaces the stored key by a marker (no key is made for the pseudonym again) and writes the topic's
 * erasure marker.
 */
public final class StoredKeyRecords implements KeyRecords, AutoCloseable {

    /** The maker's store of wrapped keys. */
    public static final String COLLECTION = "participant_keys";
    private static final String ERASED_AT = "erasedAt";

    private static final Logger log = LoggerFactory.getLogger(StoredKeyRecords.class);

    private final MongoCollection<Document> keys;
    private final KafkaKeyRecords shared;
    private final ScheduledExecutorService sharing = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "tend-key-sharing");
        thread.setDaemon(true);
        return thread;
    });

    public StoredKeyRecords(MongoDatabase database, KafkaKeyRecords shared, Duration sweepEvery) {
        this.keys = database.getCollection(COLLECTION);
        this.shared = shared;
        sharing.scheduleWithFixedDelay(this::shareUnshared, sweepEvery.toMillis(), sweepEvery.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    @Override
    public void put(String participantId, byte[] wrappedKey) {
        if (putIfAbsent(participantId, wrappedKey).isPresent()) {
            throw new IllegalStateException(participantId + " has a key already");
        }
    }

    @Override
    public Optional<byte[]> putIfAbsent(String participantId, byte[] wrappedKey) {
        try {
            keys.insertOne(new Document("_id", participantId).append("wrapped", new Binary(wrappedKey))
                    .append("shared", false));
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            Document existing = keys.find(eq("_id", participantId)).first();
            if (existing != null && existing.get(ERASED_AT) != null) {
                // An erased participant's pseudonym is retired: no new key is ever made for it.
                throw new IllegalStateException(participantId + " was erased; no key is made for them again");
            }
            return wrappedIn(existing); // another instance stored theirs first
        }
        sharing.execute(() -> share(participantId, wrappedKey));
        return Optional.empty();
    }

    @Override
    public Optional<byte[]> get(String participantId) {
        Document doc = keys.find(eq("_id", participantId)).first();
        return doc != null ? wrappedIn(doc) : shared.get(participantId);
    }

    /** This store is where keys are made: what it does not hold, no one made (or it was erased). */
    @Override
    public Optional<byte[]> getCurrent(String participantId) {
        return get(participantId);
    }

    /**
     * Replaces the stored key by a marker that holds nothing but when (the pseudonym is retired for good), then writes
     * the topic's erasure marker from the sharing thread, so that any share of the key already under way is sent
     * before the marker and cannot bring the key back. Waits for the marker.
     */
    @Override
    public void erase(String participantId) {
        keys.replaceOne(eq("_id", participantId), new Document("_id", participantId)
                .append(ERASED_AT, new Date()), new ReplaceOptions().upsert(true));
        try {
            sharing.submit(() -> shared.erase(participantId)).get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while erasing a key", e);
        }
    }

    @Override
    public void onErased(Consumer<String> listener) {
        shared.onErased(listener);
    }

    /** The wrapped key a stored document holds; empty for no document, or an erased participant's marker. */
    private static Optional<byte[]> wrappedIn(Document doc) {
        return doc == null || doc.get(ERASED_AT) != null ? Optional.empty()
                : Optional.of(doc.get("wrapped", Binary.class).getData());
    }

    /**
     * Shares a key, then marks it shared unless it was erased meanwhile. Erased meanwhile means on another instance (on
     * this one erasure waits for the sharing thread): its erasure marker may have reached the topic before this share,
     * which would bring the key back on the compacted topic; so the marker is written again, after the share.
     */
    private void share(String participantId, byte[] wrappedKey) {
        shared.share(participantId, wrappedKey).thenRunAsync(() -> shared(participantId), sharing);
    }

    /** After a share reached the topic: marks the key shared, or writes its erasure again if it was erased. */
    void shared(String participantId) {
        boolean marked = keys.updateOne(and(eq("_id", participantId), exists(ERASED_AT, false)),
                Updates.set("shared", true)).getMatchedCount() > 0;
        if (!marked && erased(participantId)) {
            log.info("a participant's key was erased while it was being shared; its erasure is written again");
            shared.erase(participantId);
        }
    }

    private boolean erased(String participantId) {
        Document doc = keys.find(eq("_id", participantId)).first();
        return doc != null && doc.get(ERASED_AT) != null;
    }

    /** Shares every key the topic has not taken yet (made while the broker was away, or whose share failed). */
    void shareUnshared() {
        try {
            for (Document doc : keys.find(eq("shared", false)).limit(1_000)) {
                share(doc.getString("_id"), doc.get("wrapped", Binary.class).getData());
            }
        } catch (RuntimeException e) {
            log.warn("sharing unshared participant keys failed, retrying: {}", e.toString());
        }
    }

    @Override
    public void close() {
        sharing.shutdownNow();
    }
}
