package org.tend.embeddedstore;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.KeyConstraintError;

/**
 * A unique index of the store (the {@code _id} index among them) that also answers the queries the store's own
 * unique index turns down.
 *
 * <p>Why: mongo-java-server uses a unique index only for a filter whose field names are exactly the index's keys.
 * The MongoDB driver sends every {@code Filters.and(...)} as {@code {$and: [...]}}, so even
 * {@code and(eq("_id", id), eq("owner", o))} read the whole collection; and a compound unique index such as
 * Axon's {@code {aggregateIdentifier, sequenceNumber}} never served Axon's own
 * {@code {$and: [{aggregateIdentifier: A}, {sequenceNumber: {$gte: n}}]}}, run on every command that loads an
 * aggregate. This wrapper keeps the store's index (uniqueness, and on H2 its file) and adds:
 * <ul>
 *   <li>a filter that fixes every key by a value, {@code $eq} or {@code $in}, at the top or inside
 *       {@code $and}: answered by looking the values up in the store's index;</li>
 *   <li>for a compound index, an {@link OrderedIndex} over the same keys beside it: equality on a prefix, then
 *       a range.</li>
 * </ul>
 * A filter the store's index accepts goes to it unchanged, first.
 */
public final class PinnedUniqueIndex<P> extends Index<P> {

    private final Index<P> unique;
    private final OrderedIndex<P> ordered;
    private final AtomicLong served = new AtomicLong();

    private PinnedUniqueIndex(Index<P> unique, boolean sparse) {
        super(unique.getName(), unique.getKeys(), sparse);
        this.unique = unique;
        this.ordered = unique.getKeys().size() > 1 ? new OrderedIndex<>(unique.getName(), unique.getKeys(), sparse)
                : null;
    }

    /** Wraps the store's unique index {@code unique}, created with {@code sparse}. */
    public static <P> PinnedUniqueIndex<P> wrap(Index<P> unique, boolean sparse) {
        return new PinnedUniqueIndex<>(unique, sparse);
    }

    /** How many queries the store's index would have turned down and this one answered. */
    public long servedQueries() {
        return served.get() + (ordered == null ? 0 : ordered.servedQueries());
    }

    boolean hasOrderedKeys() {
        return ordered != null;
    }

    /**
     * Fills the ordered keys from {@code collection}'s documents: on H2 the store's unique index is read back from
     * its file when the database opens, so the store does not offer the documents to this wrapper again.
     */
    synchronized void rebuildOrderedKeys(MongoCollection<P> collection) {
        if (ordered == null) {
            return;
        }
        ordered.drop();
        collection.queryAllAsStream().forEach(document -> {
            P position = unique.getPosition(document);
            if (position != null) {
                ordered.add(document, position, collection);
            }
        });
    }

    @Override
    public P getPosition(Document document) {
        return unique.getPosition(document);
    }

    @Override
    public synchronized void checkAdd(Document document, MongoCollection<P> collection) {
        unique.checkAdd(document, collection);
    }

    @Override
    public synchronized void add(Document document, P position, MongoCollection<P> collection) {
        unique.add(document, position, collection);
        if (ordered != null) {
            ordered.add(document, position, collection);
        }
    }

    @Override
    public synchronized P remove(Document document) {
        P position = unique.remove(document);
        if (ordered != null) {
            ordered.remove(document);
        }
        return position;
    }

    @Override
    public synchronized void checkUpdate(Document oldDocument, Document newDocument, MongoCollection<P> collection) {
        unique.checkUpdate(oldDocument, newDocument, collection);
    }

    @Override
    public synchronized void updateInPlace(Document oldDocument, Document newDocument, P position,
                                           MongoCollection<P> collection) throws KeyConstraintError {
        unique.updateInPlace(oldDocument, newDocument, position, collection);
        if (ordered != null) {
            ordered.updateInPlace(oldDocument, newDocument, position, collection);
        }
    }

    @Override
    public synchronized boolean canHandle(Document query) {
        return unique.canHandle(query) || pinned(query) != null || (ordered != null && ordered.canHandle(query));
    }

    @Override
    public synchronized Iterable<P> getPositions(Document query) {
        if (unique.canHandle(query)) {
            return unique.getPositions(query);
        }
        List<Document> lookups = pinned(query);
        if (lookups == null) {
            return ordered.getPositions(query);
        }
        served.incrementAndGet();
        Set<P> positions = new LinkedHashSet<>();
        for (Document lookup : lookups) {
            for (P position : unique.getPositions(lookup)) {
                positions.add(position);
            }
        }
        return new ArrayList<>(positions);
    }

    @Override
    public long getCount() {
        return unique.getCount();
    }

    @Override
    public boolean isEmpty() {
        return unique.isEmpty();
    }

    @Override
    public long getDataSize() {
        return unique.getDataSize();
    }

    @Override
    public synchronized void drop() {
        unique.drop();
        if (ordered != null) {
            ordered.drop();
        }
    }

    @Override
    public boolean isUnique() {
        return true;
    }

    @Override
    public Document toIndexDescription() {
        return unique.toIndexDescription();
    }

    /**
     * One plain lookup per combination of the values that fix every key, or null when a key is not fixed (or only
     * by {@code null}, which the store's unique index does not hold for documents lacking the field).
     */
    private List<Document> pinned(Document query) {
        FieldConditions conditions = FieldConditions.of(query);
        List<Document> lookups = new ArrayList<>();
        lookups.add(new Document());
        for (String key : keys()) {
            FieldConditions.Condition condition = conditions.on(key);
            if (condition == null || !condition.isEquality() || condition.allowsNull()
                    || (long) lookups.size() * condition.values().size() > OrderedIndex.MAX_PREFIXES) {
                return null;
            }
            List<Document> extended = new ArrayList<>();
            for (Document lookup : lookups) {
                for (Object value : condition.values()) {
                    Document longer = new Document(lookup);
                    longer.put(key, value);
                    extended.add(longer);
                }
            }
            lookups = extended;
        }
        return lookups;
    }

}
